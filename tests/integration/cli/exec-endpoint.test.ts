/**
 * `switchyard exec` in endpoint mode against a real `switchyard daemon`. The child sees the two endpoint
 * variables and no key at all; the AWS CLI v2 gets the assumed role through
 * them; the grant is revoked when the child exits (its token answers 401);
 * the credentials file is byte-identical.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../../support/daemon';
import { runCli } from '../../support/run-cli';
import { useSourceRoleHome } from '../../support/source-role-home';
import { findAwsCli, pythonCommand, requireTool } from '../../support/tools';

const world = useSourceRoleHome();
const RECORD_THREADS = fileURLToPath(new URL('./children/record-threads.cjs', import.meta.url));
const RECORD_BUILTINS = fileURLToPath(new URL('./children/record-builtins.cjs', import.meta.url));
const { cli } = world;
const aws = requireTool('aws-cli-v2');

/** The child writes its AWS_* variables to a file (mode 0600 in the test home), never to stdout. */
const DUMP_ENV =
  "import json,os,sys; json.dump({k:v for k,v in os.environ.items() if k.startswith('AWS_')}, open(sys.argv[1],'w'))";

function statusOf(uri: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(uri, { headers: { Authorization: token } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

async function activeUnderDaemon(): Promise<void> {
  const daemon = startDaemon(world.home.env);
  await daemon.waitFor(/refreshing 0 active role\(s\)/);
  expect((await cli(['activate', world.roleId])).code).toBe(0);
}

describe('exec through the local credential endpoint', () => {
  it('hands the child the endpoint and no key, and revokes the grant when it exits', async () => {
    await activeUnderDaemon();
    const before = readFileSync(world.home.credentialsPath);
    const dump = join(world.home.home, 'env.json');
    const result = await cli(['exec', world.roleId, '--', pythonCommand(), '-c', DUMP_ENV, dump]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
    expect(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(seen.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_PROFILE',
    ]) {
      expect(seen[name]).toBeUndefined();
    }
    // The grant died with the child: its token is refused from now on.
    expect(
      await statusOf(
        seen.AWS_CONTAINER_CREDENTIALS_FULL_URI!,
        seen.AWS_CONTAINER_AUTHORIZATION_TOKEN!,
      ),
    ).toBe(401);
    // Neither the token nor its grant is left in state.json in clear.
    const state = readFileSync(join(world.home.switchyardConfigDir, 'state.json'), 'utf8');
    expect(state.includes(seen.AWS_CONTAINER_AUTHORIZATION_TOKEN!)).toBe(false);
    expect(readFileSync(world.home.credentialsPath).equals(before)).toBe(true);
  });

  it('while the child runs, its grant is a file named by the token SHA-256 and state.json holds none', async () => {
    await activeUnderDaemon();
    const config = world.home.switchyardConfigDir;
    const dump = join(world.home.home, 'seen.json');
    // The child reports what it sees on disk (names and grant counts, never the token).
    const look = [
      'import hashlib,json,os,sys',
      "d=sys.argv[1]; t=os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']",
      "s=json.load(open(os.path.join(d,'state.json')))",
      "json.dump({'file': hashlib.sha256(t.encode()).hexdigest()+'.json', 'files': os.listdir(os.path.join(d,'grants')), 'stateGrants': len(s.get('grants',[]))}, open(sys.argv[2],'w'))",
    ].join('\n');
    const result = await cli([
      'exec',
      world.roleId,
      '--',
      pythonCommand(),
      '-c',
      look,
      config,
      dump,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const seen = JSON.parse(readFileSync(dump, 'utf8')) as {
      file: string;
      files: string[];
      stateGrants: number;
    };
    expect(seen.files).toEqual([seen.file]);
    expect(seen.stateGrants).toBe(0);
    expect(readdirSync(join(config, 'grants'))).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')(
    "reads and writes its files without starting Node's thread pool or loading node:fs/promises",
    async () => {
      await activeUnderDaemon();
      const record = join(world.home.home, 'threads.txt');
      const builtins = join(world.home.home, 'builtins.txt');
      const env = {
        RECORD_THREADS_FILE: record,
        RECORD_BUILTINS_FILE: builtins,
        NODE_OPTIONS: `--require ${RECORD_THREADS} --require ${RECORD_BUILTINS}`,
      };
      // The yardstick: a Node process that does nothing.
      const bare = spawnSync(process.execPath, ['-e', '0'], { env: { ...world.home.env, ...env } });
      expect(bare.status).toBe(0);
      const threadsOfBareNode = Number(readFileSync(record, 'utf8'));
      const result = await runCli(['exec', world.roleId, '--', 'true'], {
        env: { ...world.home.env, ...env },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(Number(readFileSync(record, 'utf8'))).toBe(threadsOfBareNode);
      const loaded = readFileSync(builtins, 'utf8').split('\n');
      expect(loaded).toContain('child_process'); // the recorder sees what exec loads
      expect(loaded.filter((name) => name.includes('fs/promises'))).toEqual([]);
    },
  );

  it.skipIf(!aws.available)(
    `the AWS CLI v2 gets the assumed role through the endpoint ${aws.skipReason}`,
    async () => {
      await activeUnderDaemon();
      const before = readFileSync(world.home.credentialsPath);
      const result = await cli([
        'exec',
        world.roleId,
        '--',
        findAwsCli()!.path,
        'sts',
        'get-caller-identity',
        '--endpoint-url',
        world.sts.endpoint,
        '--output',
        'json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const identity = JSON.parse(result.stdout) as { Arn: string };
      expect(identity.Arn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/dev-admin\//);
      expect(readFileSync(world.home.credentialsPath).equals(before)).toBe(true);
      // The trail: the grant made by exec; the live session served it (no new issue).
      const trail = await cli(['audit', '--json', '--event', 'endpoint-grant']);
      const lines = trail.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { by: string });
      expect(lines.map((l) => l.by)).toEqual(['cli:exec']);
    },
  );

  it('falls back to keys with --no-endpoint even while the endpoint serves', async () => {
    await activeUnderDaemon();
    const dump = join(world.home.home, 'env.json');
    const result = await cli([
      'exec',
      world.roleId,
      '--no-endpoint',
      '--',
      pythonCommand(),
      '-c',
      DUMP_ENV,
      dump,
    ]);
    expect(result.code).toBe(0);
    const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
    expect(seen.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBeUndefined();
  });
});
