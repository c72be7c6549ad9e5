import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readStableBytes,
  sameBytes,
  UnstableFileError,
} from '../../../electron/core/credentials/stable-read';
import { useTempDirs } from './helpers/temp-dirs';

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

describe('sameBytes', () => {
  it('compares contents and missing files', () => {
    expect(sameBytes(bytes('a'), bytes('a'))).toBe(true);
    expect(sameBytes(bytes('a'), bytes('b'))).toBe(false);
    expect(sameBytes(undefined, undefined)).toBe(true);
    expect(sameBytes(undefined, bytes(''))).toBe(false);
    expect(sameBytes(bytes('xab').subarray(1), bytes('ab'))).toBe(true);
  });
});
