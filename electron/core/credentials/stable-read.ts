import { readFile } from 'node:fs/promises';
import { errorCode } from './fs-error-message';

export interface StableReadOptions {
  /** Pause between the two reads that must agree; default 5 ms. */
  readonly settleMs?: number;
  /** How many pairs of reads to try before giving up; default 20. */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly read?: (path: string) => Promise<Uint8Array>;
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

  let previous = await readIfExists(read, path);
  for (let attempt = 0; attempt < attempts; attempt++) {
    await sleep(settleMs);
    const current = await readIfExists(read, path);
    if (sameBytes(previous, current)) return current;
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

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
