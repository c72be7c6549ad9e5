import {
  chmod,
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
import { afterEach, describe, expect, it } from 'vitest';
import {
  CredentialsFile,
  CredentialsFileError,
} from '../../../electron/core/credentials/credentials-file';
import { AtomicWriteError, writeFileAtomic } from '../../../electron/core/fs/atomic-write';
import { readStable } from '../../../electron/core/fs/stable-read';
import { putChange } from '../credentials/helpers/credentials-setup';

const POSIX = process.platform !== 'win32';
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-modes-'));
  dirs.push(dir);
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).not.toContain('\n');
  return error as Error;
}

describe.skipIf(!POSIX)('a credentials file the user made read-only', () => {
  it('0444 is refused in one line, byte-identical and still 0444 (even as root)', async () => {
    const dir = await tempDir();
    const credentialsPath = join(dir, 'credentials');
    const original = '# mine\r\n[keep]\r\nregion = eu-west-1\r\n';
    await writeFile(credentialsPath, original);
    await chmod(credentialsPath, 0o444);
    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    const error = await failure(file.apply([putChange('p')]));
    expect(error).toBeInstanceOf(CredentialsFileError);
    expect(error.message).toBe(
      `${credentialsPath} is read-only (mode 0444); make it writable (chmod u+w ${credentialsPath}) to let Switchyard update it; nothing was changed`,
    );
    expect(await readFile(credentialsPath, 'utf8')).toBe(original);
    expect((await stat(credentialsPath)).mode & 0o777).toBe(0o444);
    expect(await readdir(dir)).toEqual(['credentials']);
  });

  it('a read-only target behind a symlink is refused and named', async () => {
    const dir = await tempDir();
    const target = join(dir, 'real-credentials');
    await writeFile(target, '[keep]\n');
    await chmod(target, 0o400);
    const link = join(dir, 'credentials');
    await symlink('real-credentials', link);
    const error = await failure(writeFileAtomic(link, 'new'));
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect(error.message).toBe(
      `${link} (-> ${target}) is read-only (mode 0400); make it writable (chmod u+w ${target}) to let Switchyard update it; nothing was changed`,
    );
    expect(await readFile(target, 'utf8')).toBe('[keep]\n');
    expect((await stat(target)).mode & 0o777).toBe(0o400);
  });

  it('a writable 0644 file is still rewritten as 0600', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await writeFile(path, 'old');
    await chmod(path, 0o644);
    await writeFileAtomic(path, 'new');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});

describe.skipIf(!POSIX)('errno messages name the path and the fix', () => {
  it('ENOTDIR: a parent folder that is a file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'aws'), '');
    const path = join(dir, 'aws', 'credentials');
    expect((await failure(writeFileAtomic(path, 'x'))).message).toBe(
      `cannot write ${path}: one of its parent folders is a file; move that file away or point Switchyard at another path; nothing was changed`,
    );
    expect((await failure(readStable(path))).message).toMatch(/ENOTDIR/);
    const file = new CredentialsFile({ credentialsPath: path, configPath: join(dir, 'config') });
    expect((await failure(file.listManaged())).message).toBe(
      `cannot read ${path}: one of its parent folders is a file; move that file away or point Switchyard at another path`,
    );
  });

  it('EISDIR: the credentials path is a folder (read and write)', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await mkdir(path);
    const file = new CredentialsFile({ credentialsPath: path, configPath: join(dir, 'config') });
    expect((await failure(file.listManaged())).message).toBe(
      `${path} is a directory, not a file; replace it with a regular file, or move it away`,
    );
    expect((await failure(writeFileAtomic(path, 'x'))).message).toBe(
      `${path} is a directory, not a file; replace it with a regular file, or move it away; nothing was changed`,
    );
  });

  it('ELOOP: a symlink loop', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await symlink('loop-b', path);
    await symlink('credentials', join(dir, 'loop-b'));
    const file = new CredentialsFile({ credentialsPath: path, configPath: join(dir, 'config') });
    expect((await failure(file.listManaged())).message).toBe(
      `cannot read ${path}: too many symbolic links (a link loop?) (ELOOP); fix or remove the link`,
    );
    expect((await failure(file.apply([putChange('p')]))).message).toBe(
      `cannot write ${path}: too many symbolic links (a link loop?) (ELOOP); fix or remove the link; nothing was changed`,
    );
    expect((await readdir(dir)).sort()).toEqual(['credentials', 'loop-b']);
  });

  it('ENAMETOOLONG: a file name longer than the file system allows', async () => {
    const dir = await tempDir();
    const path = join(dir, 'c'.repeat(300));
    const file = new CredentialsFile({ credentialsPath: path, configPath: join(dir, 'config') });
    expect((await failure(file.listManaged())).message).toBe(
      `cannot read ${path}: the path is too long (ENAMETOOLONG); use a shorter path`,
    );
    expect((await failure(writeFileAtomic(path, 'x'))).message).toBe(
      `cannot write ${path}: the path is too long (ENAMETOOLONG); use a shorter path; nothing was changed`,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
