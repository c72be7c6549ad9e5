import { open, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readStable,
  readStableBytes,
  sameBytes,
  unchangedSince,
  UnstableFileError,
} from '../../../electron/core/fs/stable-read';
import { useTempDirs } from '../credentials/helpers/temp-dirs';

const tempDir = useTempDirs();
const bytes = (text: string) => new TextEncoder().encode(text);

/** A fake reader that returns the given contents in turn (undefined = missing file). */
function sequence(contents: (string | undefined)[]) {
  let calls = 0;
  const read = async () => {
    const next = contents[Math.min(calls++, contents.length - 1)];
    if (next === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return bytes(next);
  };
  return { read, calls: () => calls };
}

describe('readStableBytes', () => {
  it('reads a real file, and a missing one as undefined', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'f'), 'content');
    expect(Buffer.from((await readStableBytes(join(dir, 'f'))) ?? []).toString()).toBe('content');
    expect(await readStableBytes(join(dir, 'missing'))).toBeUndefined();
  });

  it('does not trust a read that a second read a few ms later disagrees with', async () => {
    // `aws configure set` truncated the file and is writing it: empty, then complete.
    const fake = sequence(['', '[a]\nk = v\n', '[a]\nk = v\n']);
    const sleeps: number[] = [];
    const result = await readStableBytes('f', {
      read: fake.read,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(Buffer.from(result ?? []).toString()).toBe('[a]\nk = v\n');
    expect(fake.calls()).toBe(3);
    expect(sleeps).toEqual([5, 5]);
  });

  it('treats a file that appears between the reads as changing', async () => {
    const fake = sequence([undefined, 'x', 'x']);
    const result = await readStableBytes('f', { read: fake.read, sleep: async () => undefined });
    expect(Buffer.from(result ?? []).toString()).toBe('x');
  });

  it('gives up on a file that never settles', async () => {
    let n = 0;
    const error = await readStableBytes('/some/credentials', {
      attempts: 4,
      read: async () => bytes(String(n++)),
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnstableFileError);
    expect((error as Error).message).toBe(
      '/some/credentials kept changing while it was being read; another program is writing it',
    );
    expect(n).toBe(5);
  });

  it('rethrows errors other than a missing file', async () => {
    const read = async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    await expect(readStableBytes('f', { read })).rejects.toMatchObject({ code: 'EACCES' });
  });
});

/** A file with these contents whose mtime is `ageMs` in the past. */
async function fileAged(text: string, ageMs: number): Promise<string> {
  const path = join(await tempDir(), 'credentials');
  await writeFile(path, text);
  const then = new Date(Date.now() - ageMs);
  await utimes(path, then, then);
  return path;
}

/** Overwrites the file's bytes from offset 0 through the same inode, like `aws configure set`. */
async function writeInPlace(path: string, text: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.write(text, 0);
  } finally {
    await handle.close();
  }
}

describe('readStable', () => {
  it('takes one read of a file left alone, and stamps it', async () => {
    const path = await fileAged('[a]\nk = v\n', 3_600_000);
    const read = await readStable(path);
    expect(Buffer.from(read.bytes ?? []).toString()).toBe('[a]\nk = v\n');
    const stats = await stat(path, { bigint: true });
    expect(read.stamp).toEqual({
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeNs: stats.mtimeNs,
      ctimeNs: stats.ctimeNs,
    });
  });

  it('reads a file written moments ago twice, and leaves it unstamped', async () => {
    const path = await fileAged('[a]\nk = v\n', 0);
    const read = await readStable(path);
    expect(Buffer.from(read.bytes ?? []).toString()).toBe('[a]\nk = v\n');
    expect(read.stamp).toBeUndefined();
  });

  it('does not trust one read of an empty file modified within freshEmptyMs', async () => {
    // Quiet by quietMs, but empty: an in-place writer may have truncated it and stalled.
    const path = await fileAged('', 400);
    const read = await readStable(path, { freshEmptyMs: 500 });
    expect(read.bytes?.length).toBe(0);
    expect(read.stamp).toBeUndefined();
    // Older than that, an empty file is just empty.
    expect((await readStable(await fileAged('', 3_000))).stamp).toBeDefined();
  });

  it('does not trust a change time in the future', async () => {
    const path = await fileAged('x', -60_000);
    expect((await readStable(path)).stamp).toBeUndefined();
  });

  it('takes two reads on platforms outside its rules', async () => {
    const path = await fileAged('x', 3_600_000);
    expect((await readStable(path, { platform: 'win32' })).stamp).toBeUndefined();
    expect((await readStable(path, { platform: 'linux' })).stamp).toBeDefined();
  });

  it('stamps a missing file as absent, and sees it appear', async () => {
    const path = join(await tempDir(), 'missing');
    const read = await readStable(path);
    expect(read).toEqual({ bytes: undefined, stamp: 'absent' });
    expect(await unchangedSince(path, read)).toBe(true);
    await writeFile(path, 'x');
    expect(await unchangedSince(path, read)).toBe(false);
  });
});

describe('unchangedSince', () => {
  it('is true for an untouched file, by its stamp', async () => {
    const path = await fileAged('[a]\nk = v\n', 3_600_000);
    expect(await unchangedSince(path, await readStable(path))).toBe(true);
  });

  it('sees a same-size in-place write made right after a one-read', async () => {
    const path = await fileAged('[a]\nk = v\n', 3_600_000);
    const read = await readStable(path);
    await writeInPlace(path, '[a]\nk = w\n');
    expect(await unchangedSince(path, read)).toBe(false);
  });

  it('sees a same-size write whose writer then put the old mtime back', async () => {
    const path = await fileAged('[a]\nk = v\n', 3_600_000);
    const before = await stat(path);
    const read = await readStable(path);
    await writeInPlace(path, '[a]\nk = w\n');
    await utimes(path, before.atime, before.mtime); // mtime as it was; ctime moves anyway
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    expect(await unchangedSince(path, read)).toBe(false);
  });

  it('sees the file replaced by a rename, even with the same size and mtime', async () => {
    const path = await fileAged('[a]\nk = v\n', 3_600_000);
    const before = await stat(path);
    const read = await readStable(path);
    const other = `${path}.new`;
    await writeFile(other, '[a]\nk = w\n');
    await utimes(other, before.atime, before.mtime);
    await rename(other, path);
    expect(await unchangedSince(path, read)).toBe(false);
  });

  it('compares bytes when the stamp moved but the content did not', async () => {
    const path = await fileAged('[a]\nk = v\n', 3_600_000);
    const read = await readStable(path);
    await writeInPlace(path, '[a]\nk = v\n');
    expect(await unchangedSince(path, read)).toBe(true);
  });

  it('compares bytes for a read that had no stamp', async () => {
    const path = await fileAged('[a]\nk = v\n', 0);
    const read = await readStable(path);
    expect(read.stamp).toBeUndefined();
    expect(await unchangedSince(path, read)).toBe(true);
    await writeInPlace(path, '[a]\nk = w\n');
    expect(await unchangedSince(path, read)).toBe(false);
  });
});

describe('sameBytes', () => {
  it('compares contents and missing files', () => {
    expect(sameBytes(bytes('a'), bytes('a'))).toBe(true);
    expect(sameBytes(bytes('a'), bytes('b'))).toBe(false);
    expect(sameBytes(undefined, undefined)).toBe(true);
    expect(sameBytes(undefined, bytes(''))).toBe(false);
    expect(sameBytes(bytes('xab').subarray(1), bytes('ab'))).toBe(true);
  });
});
