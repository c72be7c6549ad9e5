import { execFileSync } from 'node:child_process';
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CredentialsFile,
  CredentialsFileError,
} from '../../electron/core/credentials/credentials-file';
import { putChange } from '../unit/credentials/helpers/credentials-setup';
import { createTempAwsHome } from '../support/temp-aws-home';
import { emitted, runCliRecorded } from './support/emitted';

/**
 * Already covered elsewhere (cited in docs/reliability.md): read-only folder (as
 * a non-root child), credentials path that is a directory, symlinked
 * credentials file — tests/unit/credentials/credentials-file-processes.test.ts.
 */
const USER_TEXT =
  '# mine\n[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\naws_secret_access_key = keepsecretkeepsecret\n';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchyard-fs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A 64 KiB tmpfs (root only); undefined with the reason when it cannot be mounted. */
function mountTinyTmpfs(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], {
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]})`;
  }
}

async function fill(dir: string): Promise<void> {
  // Fill every free block: write 4 KiB chunks until ENOSPC.
  const chunk = Buffer.alloc(4096, 120);
  for (let i = 0; ; i++) {
    try {
      await writeFile(join(dir, `filler-${i}`), chunk);
    } catch {
      try {
        await writeFile(join(dir, `filler-small-${i}`), Buffer.alloc(512, 120));
      } catch {
        return;
      }
    }
  }
}

describe('file-system faults', () => {
  it('disk full: a clear error, the file byte-identical, nothing left behind', async (ctx) => {
    const disk = join(root, 'disk');
    await mkdir(disk);
    const reason = mountTinyTmpfs(disk);
    if (reason) {
      if (process.env.CI === 'true') throw new Error(reason);
      ctx.skip(reason);
      return;
    }
    try {
      const credentialsPath = join(disk, 'credentials');
      await writeFile(credentialsPath, USER_TEXT, { mode: 0o600 });
      await fill(disk);
      const before = await readdir(disk);
      const file = new CredentialsFile({ credentialsPath, configPath: join(disk, 'config') });
      const error = await file.apply([putChange('p')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsFileError);
      expect((error as Error).message).toMatch(/disk full|no space left|ENOSPC/i);
      expect((error as Error).message).toMatch(/nothing was changed/);
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect((error as Error).message).not.toContain('planted-secret');
      expect(await readFile(credentialsPath, 'utf8')).toBe(USER_TEXT);
      expect((await readdir(disk)).sort()).toEqual(before.sort()); // no temp or lock file left
      console.log(`[reliability] disk full: "${(error as Error).message}"`);

      // The CLI on a full disk: catalog write refused clearly, nothing created half-way.
      const home = createTempAwsHome({ env: { SWITCHYARD_CONFIG_DIR: join(disk, 'cfg') } });
      try {
        const add = await runCliRecorded(
          [
            'roles',
            'add',
            '--label',
            'x',
            '--role-arn',
            'arn:aws:iam::123456789012:role/x',
            '--profile',
            'x',
          ],
          { env: home.env },
        );
        expect(add.code).not.toBe(0);
        expect(add.stderr.trim().split('\n')).toHaveLength(1);
        expect(add.stderr).toMatch(/disk full|space|ENOSPC/i);
        console.log(
          `[reliability] disk full (roles add): exit ${add.code}, "${add.stderr.trim()}"`,
        );
        const cfg = await readdir(join(disk, 'cfg')).catch(() => []);
        for (const name of cfg) expect(name).not.toMatch(/\.tmp$/);
      } finally {
        home.cleanup();
      }
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  it('missing ~/.aws: created 0700 with a 0600 file', async () => {
    const home = await mkdtemp(join(root, 'home-'));
    const credentialsPath = join(home, '.aws', 'credentials');
    const file = new CredentialsFile({ credentialsPath, configPath: join(home, '.aws', 'config') });
    expect((await file.apply([putChange('p')])).written).toBe(true);
    expect((await stat(join(home, '.aws'))).mode & 0o777).toBe(0o700);
    expect((await stat(credentialsPath)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(home, '.aws'))).toEqual(['credentials']);
  });

  it('a dangling symlink stays a link; its target is created 0600', async () => {
    const dir = await mkdtemp(join(root, 'dangling-'));
    await mkdir(join(dir, 'dotfiles'), { mode: 0o700 });
    const credentialsPath = join(dir, 'credentials');
    await symlink('dotfiles/aws-credentials', credentialsPath);
    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    const result = await file.apply([putChange('p')]).catch((e: unknown) => e);
    expect((await lstat(credentialsPath)).isSymbolicLink()).toBe(true);
    if (result instanceof Error) {
      expect(result.message.split('\n')).toHaveLength(1);
    } else {
      expect((await stat(join(dir, 'dotfiles', 'aws-credentials'))).mode & 0o777).toBe(0o600);
    }
  });

  it('no secret in anything printed', () => {
    for (const text of emitted) expect(text).not.toMatch(/planted-secret|keepsecretkeepsecret/);
  });
});
