import {
  chmod,
  lstat,
  mkdir,
  readdir,
  readFile,
  open,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CredentialsFile,
  CredentialsFileError,
} from '../../../electron/core/credentials/credentials-file';
import { indexSections, parseIni } from '../../../electron/core/credentials/ini-document';
import { bundleCore } from './helpers/bundle-core';
import { runChild, startChild, stopChild } from './helpers/children';
import { managedSection, putChange, setupFiles } from './helpers/credentials-setup';
import {
  age,
  configureSet,
  mergedWithTheirTwoEdits,
  setupWithEditAt,
  theirTwoEdits,
} from './helpers/interleaved-edits';
import { useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();

const children: Awaited<ReturnType<typeof startChild>>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
});

describe('CredentialsFile on the file system', () => {
  it('keeps a symlinked credentials file a symlink and updates its target', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'dotfiles'));
    const target = join(dir, 'dotfiles', 'aws-credentials');
    await writeFile(target, '[keep]\nregion = x\n');
    const setup = await setupFiles(dir);
    await symlink('dotfiles/aws-credentials', setup.paths.credentialsPath);
    await setup.file.apply([putChange('p', 'sym')]);
    expect((await lstat(setup.paths.credentialsPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(setup.paths.credentialsPath)).toBe('dotfiles/aws-credentials');
    expect(await readFile(target, 'utf8')).toBe(
      `[keep]\nregion = x\n\n${managedSection('p', 'sym')}`,
    );
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect((await readdir(join(dir, 'dotfiles'))).sort()).toEqual(['aws-credentials']);
  });

  it('rewrites a 0644 file as 0600', async () => {
    const setup = await setupFiles(await tempDir(), { credentials: '[a]\nregion = x\n' });
    await chmod(setup.paths.credentialsPath, 0o644);
    await setup.file.apply([putChange('p')]);
    expect((await stat(setup.paths.credentialsPath)).mode & 0o777).toBe(0o600);
  });

  it('says clearly when the credentials path is a directory, and changes nothing', async () => {
    const setup = await setupFiles(await tempDir());
    await mkdir(setup.paths.credentialsPath);
    const error = await setup.file.apply([putChange('p')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect((error as CredentialsFileError).code).toBe('io');
    expect((error as Error).message).toBe(
      `${setup.paths.credentialsPath} is a directory, not a file; replace it with a regular file, or move it away; nothing was changed`,
    );
    expect(await readdir(setup.dir)).toEqual(['credentials']);
    expect(await readdir(setup.paths.credentialsPath)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')(
    'says clearly when the folder is read-only, and changes nothing (as a non-root user)',
    async () => {
      const root = await tempDir();
      await chmod(root, 0o755);
      const bundle = await bundleCore(root);
      const aws = join(root, 'aws');
      await mkdir(aws);
      const credentialsPath = join(aws, 'credentials');
      const original = '[a]\r\nregion = x\r\n';
      await writeFile(credentialsPath, original);
      await chmod(credentialsPath, 0o644);
      await chmod(aws, 0o555);
      // Root ignores permissions, so the child drops to "nobody" when we are root.
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const secret = 'planted-secret-readonly-9f8e7d';

      const apply = await runChild(
        'run-core.mjs',
        [
          bundle,
          JSON.stringify({
            kind: 'apply',
            paths: { credentialsPath, configPath: join(aws, 'config') },
            profile: 'p',
            secret,
          }),
        ],
        asUser,
      );
      expect(apply.stderr).toBe('');
      const outcome = JSON.parse(apply.stdout);
      expect(outcome).toMatchObject({ ok: false, name: 'CredentialsFileError', code: 'io' });
      expect(outcome.message).toBe(
        `cannot write ${aws}: permission denied (EACCES); Switchyard needs to create files in that folder, so make it writable for this user (ls -ld shows its owner and mode); nothing was changed`,
      );
      expect(apply.stdout).not.toContain(secret);

      const write = await runChild(
        'run-core.mjs',
        [bundle, JSON.stringify({ kind: 'write', path: credentialsPath })],
        asUser,
      );
      expect(JSON.parse(write.stdout)).toMatchObject({
        ok: false,
        name: 'AtomicWriteError',
        message: `cannot write ${aws}: permission denied (EACCES); Switchyard needs to create files in that folder, so make it writable for this user (ls -ld shows its owner and mode); nothing was changed`,
      });

      expect(await readFile(credentialsPath, 'utf8')).toBe(original);
      expect(await readdir(aws)).toEqual(['credentials']);
    },
  );
});

describe('CredentialsFile across writers', () => {
  it('serializes two concurrent apply() calls in one process and keeps both', async () => {
    const dir = await tempDir();
    const first = await setupFiles(dir, { credentials: '[keep]\nregion = x\n' });
    const second = new CredentialsFile(first.paths);
    const results = await Promise.all([
      first.file.apply([putChange('one', 'c1')]),
      second.apply([putChange('two', 'c2')]),
      first.file.apply([putChange('three', 'c3')]),
    ]);
    expect(results.map((r) => r.written)).toEqual([true, true, true]);
    const names = parseIni(await first.read()).sections.map((s) => s.name);
    expect(names.sort()).toEqual(['keep', 'one', 'three', 'two']);
    expect(await readdir(dir)).toEqual(['credentials']);
  });

  it('waits for a lock held by a live process, then fails clearly and changes nothing', async () => {
    const setup = await setupFiles(
      await tempDir(),
      { credentials: '[a]\nregion = x\n' },
      { lockTimeoutMs: 300 },
    );
    const lockPath = `${setup.paths.credentialsPath}.switchyard.lock`;
    const child = await startChild('hold-lock.mjs', [lockPath], 'locked');
    children.push(child);

    const error = await setup.file.apply([putChange('p')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect((error as CredentialsFileError).code).toBe('lock');
    expect((error as Error).message).toMatch(
      new RegExp(
        `^timed out after 0\\.3 s waiting for the lock ${lockPath}, held by pid ${child.pid} on .*\\. ` +
          `If no Switchyard process is running, delete ${lockPath} and try again\\.$`,
      ),
    );
    expect(await setup.read()).toBe('[a]\nregion = x\n');

    // The holder dies without cleaning up: its lock is stale and taken over.
    await stopChild(child, 'SIGKILL');
    expect(await readdir(setup.dir)).toContain('credentials.switchyard.lock');
    expect((await setup.file.apply([putChange('p', 'after')])).written).toBe(true);
    expect(await setup.read()).toBe(`[a]\nregion = x\n\n${managedSection('p', 'after')}`);
    expect(await readdir(setup.dir)).toEqual(['credentials']);
  });

  it.each([
    ['written just now (two reads)', 0],
    ['left alone for an hour (one read and a stamp)', 3_600_000],
  ])(
    'merges an edit that `aws configure set` made between our read and our rename, file %s',
    async (_, ageMs) => {
      const { setup, path, attempts } = await setupWithEditAt(
        await tempDir(),
        'beforeRename',
        `[other]\nregion = us-east-1\n\n${managedSection('prod-admin', 'old')}`,
        async (path) => {
          // Another program, in another process, edits the file in place right now.
          for (const args of theirTwoEdits('prod-admin')) {
            expect(await configureSet(path, ...args)).toBe(0);
          }
        },
      );
      await age(path, ageMs);
      const result = await setup.file.apply([putChange('prod-admin', 'new')]);
      expect(result).toEqual({ written: true, applied: ['prod-admin'], rejected: [] });
      expect(attempts()).toBe(2);
      expect(await setup.read()).toBe(mergedWithTheirTwoEdits('prod-admin', 'new'));
    },
  );

  it('merges a same-size in-place edit made between a one-read and our rename', async () => {
    const user = '[other]\nregion = us-east-1\n';
    const { setup, path, attempts } = await setupWithEditAt(
      await tempDir(),
      'beforeRename',
      user,
      async (path) => {
        // Same length, same inode, moments after our read: only mtime and ctime move.
        const handle = await open(path, 'r+');
        await handle.write('[other]\nregion = us-west-2\n', 0);
        await handle.close();
      },
    );
    await age(path, 3_600_000);
    const result = await setup.file.apply([putChange('p')]);
    expect(result.written).toBe(true);
    expect(attempts()).toBe(2);
    expect(await setup.read()).toBe(`[other]\nregion = us-west-2\n\n${managedSection('p')}`);
  });

  it('decides again on the fresh content: a profile that became long-term is refused', async () => {
    const { setup, attempts } = await setupWithEditAt(
      await tempDir(),
      'beforeRename',
      undefined,
      async (path) => {
        expect(await configureSet(path, 'p', 'aws_access_key_id', 'AKIALONGTERM')).toBe(0);
      },
    );
    const result = await setup.file.apply([putChange('p')]);
    expect(result.written).toBe(false);
    expect(result.rejected.map((r) => r.code)).toEqual(['refused-long-term-keys']);
    expect(attempts()).toBe(1);
    expect(await setup.read()).toBe('[p]\naws_access_key_id = AKIALONGTERM\n');
  });

  it('gives up, writing nothing of its own, if the file keeps changing', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    let calls = 0;
    const setup = await setupFiles(
      dir,
      { credentials: '[a]\nregion = x\n' },
      {
        maxAttempts: 3,
        beforeRename: async () => {
          calls++;
          await runChild('configure-set.mjs', [path, `cli-${calls}`, 'region', 'r']);
        },
      },
    );
    const error = await setup.file.apply([putChange('p')]).catch((e: unknown) => e);
    expect((error as CredentialsFileError).code).toBe('io');
    expect((error as Error).message).toBe(
      `${path} kept changing while Switchyard was updating it (3 attempts); nothing was written. Try again.`,
    );
    expect(calls).toBe(3);
    expect(parseIni(await setup.read()).sections.map((s) => s.name)).toEqual([
      'a',
      'cli-1',
      'cli-2',
      'cli-3',
    ]);
    expect(await readdir(dir)).toEqual(['credentials']);
  });

  it('loses no update when another process honours the lock at the same time', async () => {
    const dir = await tempDir();
    const setup = await setupFiles(dir, { credentials: '[start]\nregion = x\n' });
    const lockPath = `${setup.paths.credentialsPath}.switchyard.lock`;
    const rounds = 15;
    const child = runChild('locking-writer.mjs', [
      setup.paths.credentialsPath,
      lockPath,
      String(rounds),
      'child',
    ]);
    for (let i = 0; i < rounds; i++) {
      const result = await setup.file.apply([putChange(`parent-${i}`, `p${i}`)]);
      expect(result.written).toBe(true);
    }
    const { code, stdout, stderr } = await child;
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'done\n', stderr: '' });

    const sections = indexSections(parseIni(await setup.read()));
    const expected = ['start'];
    for (let i = 0; i < rounds; i++) expected.push(`parent-${i}`, `child-${i}`);
    expect([...sections.keys()].sort()).toEqual(expected.sort());
    for (const list of sections.values()) expect(list).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['credentials']);
  });
});
