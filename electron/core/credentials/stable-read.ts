import { readFile, stat } from 'node:fs/promises';
import { errorCode } from './fs-error-message';

export interface StableReadOptions {
  /** Pause between the two reads that must agree; default 5 ms. */
  readonly settleMs?: number;
  /** How many pairs of reads to try before giving up; default 20. */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly read?: (path: string) => Promise<Uint8Array>;
  /**
   * An empty file modified this recently (ms) is taken for one that an in-place
   * writer has just truncated and not yet written: wait for it, up to this long.
   * Default 2000; only with the default `read` (the check stats the real file).
   */
  readonly freshEmptyMs?: number;
}

export class UnstableFileError extends Error {
  override readonly name = 'UnstableFileError';

  constructor(readonly path: string) {
    super(`${path} kept changing while it was being read; another program is writing it`);
  }
}

/**
 * Reads a file's bytes (undefined if it does not exist) and trusts them only
 * when a second read a few ms later agrees: `aws configure set` truncates the
 * file and then writes it in place, so a single read can see it empty or half
 * written.
 */
export async function readStableBytes(
  path: string,
  options: StableReadOptions = {},
): Promise<Uint8Array | undefined> {
  const settleMs = options.settleMs ?? 5;
  const attempts = options.attempts ?? 20;
  const sleep = options.sleep ?? defaultSleep;
  const read = options.read ?? readFile;

  const freshEmptyMs = options.freshEmptyMs ?? 2000;
  let waitedMs = 0;
  let previous = await readIfExists(read, path);
  for (let attempt = 0; attempt < attempts; attempt++) {
    await sleep(settleMs);
    const current = await readIfExists(read, path);
    if (sameBytes(previous, current)) {
      if (
        current?.length === 0 &&
        options.read === undefined &&
        waitedMs < freshEmptyMs &&
        (await modifiedWithin(path, freshEmptyMs))
      ) {
        // `aws configure set` truncates, then writes. Under load the gap outlasts
        // two reads; taking it for the file would drop everything the user had.
        waitedMs += 25;
        attempt--;
        await sleep(25);
        previous = await readIfExists(read, path);
        continue;
      }
      return current;
    }
    previous = current;
  }
  throw new UnstableFileError(path);
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

async function readIfExists(
  read: (path: string) => Promise<Uint8Array>,
  path: string,
): Promise<Uint8Array | undefined> {
  try {
    return await read(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function modifiedWithin(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs < ms;
  } catch {
    return false;
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
