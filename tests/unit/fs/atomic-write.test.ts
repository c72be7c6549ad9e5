import {
  chmod,
  chown,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicWriteError, writeFileAtomic } from '../../../electron/core/fs/atomic-write';
import { useTempDirs } from '../credentials/helpers/temp-dirs';

const tempDir = useTempDirs();
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const leftovers = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('creates a new file with mode 0600 and leaves no temp file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    expect(await writeFileAtomic(path, '[a]\nk = v\n')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('[a]\nk = v\n');
    expect(await modeOf(path)).toBe(0o600);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('writes data given in parts in order, more parts than one writev takes, empty parts too', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    const big = Buffer.alloc(300_000, 'k');
    const parts = [big.subarray(0, 100_000), Buffer.alloc(0)];
    for (let i = 0; i < 3000; i++) parts.push(Buffer.from(`[p${i}]\n`));
    parts.push(big.subarray(100_000), Buffer.from('é😀\n'));
    expect(await writeFileAtomic(path, parts)).toBe(true);
    expect((await readFile(path)).equals(Buffer.concat(parts))).toBe(true);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('tightens a 0644 file to 0600 when it rewrites it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await writeFile(path, 'old');
    await chmod(path, 0o644);
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await modeOf(path)).toBe(0o600);
  });

  it('sets 0600 exactly whatever the umask', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    const previous = process.umask(0o277); // would turn 0600 into 0400
    try {
      await writeFileAtomic(path, 'x');
    } finally {
      process.umask(previous);
    }
    expect(await modeOf(path)).toBe(0o600);
  });

  it('writes bytes exactly, BOM and CRLF included', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await writeFileAtomic(path, '\uFEFF[a]\r\nk = é\r\n');
    expect([...(await readFile(path)).subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x5b]);
    expect(await readFile(path, 'utf8')).toBe('\uFEFF[a]\r\nk = é\r\n');
  });

  it('creates a missing parent folder with mode 0700', async () => {
    const dir = await tempDir();
    const path = join(dir, 'home', '.aws', 'credentials');
    await writeFileAtomic(path, 'x');
    expect(await modeOf(join(dir, 'home', '.aws'))).toBe(0o700);
    expect(await modeOf(path)).toBe(0o600);
  });

  it('replaces the target of a symlink and keeps the link a link', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'dotfiles'));
    const target = join(dir, 'dotfiles', 'credentials');
    const link = join(dir, 'credentials');
    await writeFile(target, 'old');
    await symlink('dotfiles/credentials', link); // relative, as dotfile managers make them
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('dotfiles/credentials');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await modeOf(target)).toBe(0o600);
    expect(await leftovers(dir)).toEqual([]);
    expect(await leftovers(join(dir, 'dotfiles'))).toEqual([]);
  });

  it('follows a chain of links, and a dangling link creates its target', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real', 'credentials'), join(dir, 'second'));
    await symlink(join(dir, 'second'), join(dir, 'first'));
    await writeFileAtomic(join(dir, 'first'), 'via two links');
    expect((await lstat(join(dir, 'first'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(dir, 'second'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'real', 'credentials'), 'utf8')).toBe('via two links');
  });

  it('refuses a path that is a directory and changes nothing', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await mkdir(path);
    const error = await writeFileAtomic(path, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as Error).message).toBe(
      `${path} is a directory, not a file; replace it with a regular file, or move it away; nothing was changed`,
    );
    expect(await readdir(path)).toEqual([]);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('says which parent is not a folder', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), '');
    const error = await writeFileAtomic(join(dir, 'file', 'credentials'), 'x').catch((e) => e);
    expect((error as Error).message).toMatch(
      /one of its parent folders is a file; move that file away or point Switchyard at another path; nothing was changed$/,
    );
  });

  it('abandons the write when beforeRename returns false', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await writeFile(path, 'original');
    let sawTemp: string[] = [];
    let tempMode = 0;
    const renamed = await writeFileAtomic(path, 'new', {
      beforeRename: async () => {
        sawTemp = await leftovers(dir);
        tempMode = await modeOf(join(dir, sawTemp[0] ?? 'missing'));
        return false;
      },
    });
    expect(renamed).toBe(false);
    expect(sawTemp).toHaveLength(1);
    expect(sawTemp[0]).toMatch(
      new RegExp(`^\\.credentials\\.switchyard-${process.pid}-[0-9a-f]{12}\\.tmp$`),
    );
    expect(tempMode).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('original');
    expect(await leftovers(dir)).toEqual([]);
  });

  it('reports a full disk clearly, removes the temp file and keeps the original', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await writeFile(path, 'original');
    const error = await writeFileAtomic(path, 'new', {
      beforeRename: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as AtomicWriteError).code).toBe('ENOSPC');
    expect((error as Error).message).toBe(
      `disk full while writing ${path} (ENOSPC); free some space and try again; nothing was changed`,
    );
    expect(await readFile(path, 'utf8')).toBe('original');
    expect(await leftovers(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)(
    "keeps the owner of a user's file when root rewrites it (sudo with the user's HOME)",
    async () => {
      const dir = await tempDir();
      const path = join(dir, 'credentials');
      await writeFile(path, 'old');
      await chown(path, 65534, 65534);
      await writeFileAtomic(path, 'new');
      const info = await stat(path);
      expect([info.uid, info.gid, info.mode & 0o777]).toEqual([65534, 65534, 0o600]);
    },
  );

  it('passes through errors that are not file-system errors, after cleaning up', async () => {
    const dir = await tempDir();
    const path = join(dir, 'credentials');
    await expect(
      writeFileAtomic(path, 'new', {
        beforeRename: async () => {
          throw new TypeError('hook failed');
        },
      }),
    ).rejects.toThrow(TypeError);
    expect(await readdir(dir)).toEqual([]);
  });
});
