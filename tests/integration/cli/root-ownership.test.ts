import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { cliPath, repoRoot, runCli, type RunResult } from '../../support/run-cli';
import { cleanEnv } from '../../support/temp-aws-home';

/**
 * `sudo -E switchyard …`: root with the user's HOME. Everything created under
 * that home must stay the user's (SECURITY.md), and a catalog the process
 * cannot read is an error, never "no roles" with exit 0. We are root on the
 * build machines, so this is tested for real with a home owned by uid 1000.
 */
const AS_ROOT = process.getuid?.() === 0;
const USER = { uid: 1000, gid: 1000 };
const NOBODY = 65534;
const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const SOURCE_KEY = 'AKIAIOSFODNN7OWNERS1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYOWNERSKEY1';

let sts: FaultStsServer;
const dirs: string[] = [];
beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/admin');
});
afterAll(async () => {
  await sts.close();
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-owner-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

/** A home folder owned by `owner`, and an environment that points only at it. */
function userHome(owner: { uid: number; gid: number }): { home: string; env: NodeJS.ProcessEnv } {
  const home = join(tempRoot(), 'home');
  mkdirSync(home, { mode: 0o755 });
  chownSync(home, owner.uid, owner.gid);
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    HOME: home,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    AWS_ACCESS_KEY_ID: SOURCE_KEY,
    AWS_SECRET_ACCESS_KEY: SOURCE_SECRET,
  };
  return { home, env };
}

function owned(path: string): { uid: number; gid: number; mode: number } {
  const stats = statSync(path);
  return { uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o777 };
}

/** The CLI as another user (setuid in the child): root ignores permissions. */
function runCliAs(uid: number, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env,
      uid,
      gid: uid,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe.skipIf(!AS_ROOT)('root with a user HOME keeps what it creates the user’s', () => {
  it('assume creates ~/.aws (0700) and credentials (0600) owned by the user', async () => {
    const { home, env } = userHome(USER);
    const result = await runCli(['assume', ROLE, 'deploy'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(owned(join(home, '.aws'))).toEqual({ ...USER, mode: 0o700 });
    expect(owned(join(home, '.aws', 'credentials'))).toEqual({ ...USER, mode: 0o600 });
    expect(readFileSync(join(home, '.aws', 'credentials'), 'utf8')).toContain('[deploy]');
  });

  it('roles add creates ~/.config, the Switchyard folder and catalog.json owned by the user', async () => {
    const { home, env } = userHome(USER);
    const result = await runCli(
      ['roles', 'add', '--label', 'Deploy', '--role-arn', ROLE, '--profile', 'deploy'],
      { env },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const dir = join(home, '.config', 'Switchyard');
    expect(owned(join(home, '.config'))).toMatchObject(USER);
    expect(owned(dir)).toEqual({ ...USER, mode: 0o700 });
    expect(owned(join(dir, 'catalog.json'))).toEqual({ ...USER, mode: 0o600 });
  });

  it('a credentials file of another user keeps its owner and group when root rewrites it', async () => {
    const { home, env } = userHome(USER);
    const aws = join(home, '.aws');
    mkdirSync(aws, { mode: 0o700 });
    chownSync(aws, USER.uid, USER.gid);
    const path = join(aws, 'credentials');
    writeFileSync(path, '[keep]\nregion = eu-west-1\n', { mode: 0o600 });
    chownSync(path, 2000, 2001);
    const result = await runCli(['assume', ROLE, 'deploy'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(owned(path)).toEqual({ uid: 2000, gid: 2001, mode: 0o600 });
    expect(readFileSync(path, 'utf8')).toMatch(/^\[keep\]\nregion = eu-west-1\n\n\[deploy\]/);
  });
});

describe.skipIf(!AS_ROOT)('a catalog the process cannot read', () => {
  /** A config folder nobody may enter (root's, 0700) holding a catalog with one role. */
  function lockedCatalog(ownerOfFolder: number): { env: NodeJS.ProcessEnv; path: string } {
    const { env } = userHome({ uid: NOBODY, gid: NOBODY });
    const dir = join(tempRoot(), 'config');
    mkdirSync(dir, { mode: 0o700 });
    const path = join(dir, 'catalog.json');
    writeFileSync(path, '{"version":1,"roles":[],"settings":{}}\n', { mode: 0o600 });
    chownSync(dir, ownerOfFolder, ownerOfFolder);
    return { env: { ...env, SWITCHYARD_CONFIG_DIR: dir }, path };
  }

  it('roles list in a folder it cannot enter: exit 1 naming the file, not "no roles"', async () => {
    const { env, path } = lockedCatalog(0);
    const result = await runCliAs(NOBODY, ['roles', 'list'], env);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `switchyard: Switchyard's catalog: cannot read ${path}: permission denied (EACCES); make it and its folders readable for this user (ls -l shows the owner and mode)\n`,
    );
  });

  it('roles list and status with an unreadable catalog.json: exit 1 naming the file', async () => {
    const { env, path } = lockedCatalog(NOBODY);
    for (const args of [['roles', 'list'], ['roles', 'list', '--json'], ['status']]) {
      const result = await runCliAs(NOBODY, args, env);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^switchyard: Switchyard's catalog: cannot read ${path}: permission denied \\(EACCES\\); [^\\n]+\\n$`,
        ),
      );
    }
  });

  it('catalog.json that is a folder: roles list and status exit 1 with one line', async () => {
    const { env } = userHome({ uid: 0, gid: 0 });
    const dir = join(tempRoot(), 'config');
    mkdirSync(join(dir, 'catalog.json'), { recursive: true, mode: 0o755 });
    for (const args of [['roles', 'list'], ['status']]) {
      const result = await runCli(args, { env: { ...env, SWITCHYARD_CONFIG_DIR: dir } });
      expect(result.stdout).toBe('');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `switchyard: Switchyard's catalog: ${join(dir, 'catalog.json')} is a directory, not a file; replace it with a regular file, or move it away\n`,
      );
    }
    // The folder was not narrowed to a file's mode.
    expect(statSync(join(dir, 'catalog.json')).mode & 0o777).toBe(0o755);
  });
});
