import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CredentialsFile,
  CredentialsFileError,
  resolveCredentialsPaths,
} from '../../../electron/core/credentials/credentials-file';
import { AtomicWriteError, writeFileAtomic } from '../../../electron/core/fs/atomic-write';
import { readRegularFileSync } from '../../../electron/core/fs/regular-file';
import { readStable } from '../../../electron/core/fs/stable-read';
import { readProfileSession } from '../../../electron/core/session/role-sources';
import { configRegion } from '../../../electron/core/sts/region';
import { putChange } from '../credentials/helpers/credentials-setup';

/**
 * /dev/null (CI jobs set AWS_SHARED_CREDENTIALS_FILE=/dev/null), a FIFO and a
 * unix socket as the credentials or config file: refused in one line, nothing
 * written anywhere, and no hang (a FIFO opened for reading without O_NONBLOCK
 * waits for a writer forever, and this test would time out).
 */
const POSIX = process.platform !== 'win32';
const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  restoreDevNull();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-special-'));
  dirs.push(dir);
  return dir;
}

async function fifoAt(path: string): Promise<string> {
  execFileSync('mkfifo', ['-m', '0600', path]);
  return path;
}

async function socketAt(path: string): Promise<string> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen(path, done));
  return path;
}

/**
 * Without the fix, a write as root renames a regular file over /dev/null and
 * the whole machine loses it: put the device back before anything else runs.
 */
function restoreDevNull(): void {
  if (lstatSync('/dev/null').isCharacterDevice() || process.getuid?.() !== 0) return;
  execFileSync('rm', ['-f', '/dev/null']);
  execFileSync('mknod', ['-m', '0666', '/dev/null', 'c', '1', '3']);
}

function devNullUnchanged(): void {
  const stats = lstatSync('/dev/null');
  expect(stats.isCharacterDevice()).toBe(true);
  expect(stats.mode & 0o777).toBe(0o666);
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return error as Error;
}

describe.skipIf(!POSIX)('credentials or config that is not a regular file', () => {
  it('AWS_SHARED_CREDENTIALS_FILE=/dev/null: apply and read refuse, /dev/null stays a device', async () => {
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/dev/null');
    const dir = await tempDir();
    const paths = resolveCredentialsPaths({ ...process.env, HOME: dir });
    expect(paths.credentialsPath).toBe('/dev/null');
    const file = new CredentialsFile(paths);
    const before = await readdir('/dev');

    const error = await refusal(file.apply([putChange('p')]));
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect(error.message).toBe(
      '/dev/null is a character device, not a regular file; point AWS_SHARED_CREDENTIALS_FILE at a regular file; nothing was changed',
    );
    expect((await refusal(file.listManaged())).message).toBe(
      '/dev/null is a character device, not a regular file; point AWS_SHARED_CREDENTIALS_FILE at a regular file',
    );
    await refusal(file.checkWritable('p'));
    devNullUnchanged();
    // No lock file or temp file next to it.
    expect(await readdir('/dev')).toEqual(before);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a credentials symlink to /dev/null is refused and stays a link', async () => {
    const dir = await tempDir();
    const credentialsPath = join(dir, 'credentials');
    await symlink('/dev/null', credentialsPath);
    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    const error = await refusal(file.apply([putChange('p')]));
    expect(error.message).toBe(
      `${credentialsPath} (-> /dev/null) is a character device, not a regular file; replace it with a regular file, or move it away; nothing was changed`,
    );
    expect(lstatSync(credentialsPath).isSymbolicLink()).toBe(true);
    expect(await readdir(dir)).toEqual(['credentials']);
    devNullUnchanged();
  });

  it('a FIFO as the credentials file: refused at once, no hang, nothing written', async () => {
    const dir = await tempDir();
    const credentialsPath = await fifoAt(join(dir, 'credentials'));
    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    const message = `${credentialsPath} is a named pipe (FIFO), not a regular file; replace it with a regular file, or move it away`;
    expect((await refusal(file.apply([putChange('p')]))).message).toBe(
      `${message}; nothing was changed`,
    );
    expect((await refusal(file.listManaged())).message).toBe(message);
    expect((await stat(credentialsPath)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(['credentials']);
  });

  it('a FIFO as the config file: the read refuses without blocking, credentials untouched', async () => {
    const dir = await tempDir();
    const credentialsPath = join(dir, 'credentials');
    await writeFile(credentialsPath, '[keep]\nregion = x\n', { mode: 0o600 });
    const configPath = await fifoAt(join(dir, 'config'));
    const file = new CredentialsFile({ credentialsPath, configPath });
    const error = await refusal(file.apply([putChange('p')]));
    expect(error.message).toMatch(
      new RegExp(`^${configPath} is a named pipe \\(FIFO\\), not a regular file; `),
    );
    expect(await readFile(credentialsPath, 'utf8')).toBe('[keep]\nregion = x\n');
    expect((await readdir(dir)).sort()).toEqual(['config', 'credentials']);
  });

  it('a unix socket as the credentials file is refused for reads and writes', async () => {
    const dir = await tempDir();
    const credentialsPath = await socketAt(join(dir, 'credentials'));
    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    const message = `${credentialsPath} is a socket, not a regular file; replace it with a regular file, or move it away`;
    expect((await refusal(file.listManaged())).message).toBe(message);
    expect((await refusal(file.apply([putChange('p')]))).message).toBe(
      `${message}; nothing was changed`,
    );
    expect((await stat(credentialsPath)).isSocket()).toBe(true);
    expect(await readdir(dir)).toEqual(['credentials']);
  });

  it('the atomic writer and the readers refuse each kind, sync and async', async () => {
    const dir = await tempDir();
    const fifo = await fifoAt(join(dir, 'fifo'));
    const socket = await socketAt(join(dir, 'socket'));
    for (const path of ['/dev/null', fifo, socket]) {
      const write = await refusal(writeFileAtomic(path, 'secret-ish'));
      expect(write).toBeInstanceOf(AtomicWriteError);
      expect(write.message).toMatch(/, not a regular file; .*; nothing was changed$/);
      expect((await refusal(readStable(path))).message).toMatch(/, not a regular file; /);
      expect(() => readRegularFileSync(path)).toThrow(/, not a regular file; /);
    }
    devNullUnchanged();
    expect((await readdir(dir)).sort()).toEqual(['fifo', 'socket']);
  });

  it('a target swapped for a FIFO just before the rename is not replaced', async () => {
    const dir = await tempDir();
    const path = join(dir, 'state.json');
    await writeFile(path, '{}');
    const error = await refusal(
      writeFileAtomic(path, '{"new":true}', {
        beforeRename: async () => {
          await rm(path);
          await fifoAt(path);
        },
      }),
    );
    expect(error.message).toMatch(/is a named pipe \(FIFO\), not a regular file; /);
    expect((await stat(path)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('the engine’s side reads (source session, config region) skip a FIFO instead of hanging', async () => {
    const dir = await tempDir();
    const fifo = await fifoAt(join(dir, 'fifo'));
    expect(await readProfileSession(fifo, 'p', Date.now())).toBeUndefined();
    expect(
      await configRegion({ configPath: fifo, credentialsPath: fifo }, 'default'),
    ).toBeUndefined();
    expect(await readdir(dir)).toEqual(['fifo']);
  });
});
