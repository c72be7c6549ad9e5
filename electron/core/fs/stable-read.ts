import { fileOps, type OpenFile } from './file-ops';
import { errorCode } from './fs-error-message';
import { fileStampOf, sameFileStamp, type FileStamp } from './file-stamp';
import { openRegularFile, readRegularFile } from './regular-file';

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
  // Never blocks on a FIFO, never reads a device: those are NotRegularFileErrors.
  const read = options.read ?? readRegularFile;

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

/**
 * What a stable read saw. `stamp` is set when the file had been left alone for
 * a while before the read (see `readStable`): any later write then shows in its
 * stat, so `unchangedSince` can tell without reading the bytes again.
 */
export interface StableRead {
  readonly bytes: Uint8Array | undefined;
  readonly stamp?: ReadStamp;
}

/** A file's stamp when the read was made, or 'absent' for a missing file. */
export type ReadStamp = FileStamp | 'absent';

export interface QuietReadOptions extends StableReadOptions {
  /**
   * A file last modified (mtime) at least this long ago, and whose stat
   * is the same before and after one read, is taken as read whole; default 100 ms.
   */
  readonly quietMs?: number;
  readonly now?: () => number;
  /** Default process.platform; the one-read path runs only where its rules hold. */
  readonly platform?: NodeJS.Platform;
}

/**
 * How long a file must have been left alone before one read is trusted. It must
 * exceed the file system's timestamp granularity (a kernel tick, at most 10 ms on
 * Linux), so that a write during or after our read cannot leave mtime as it
 * was; and a writer that truncated the file and then stalled leaves it
 * empty, which the fresh-empty rule below still waits out for 2 s.
 */
export const QUIET_MS = 100;

/**
 * Linux and macOS update mtime and ctime on every write() and truncate(), with
 * nanosecond fields; elsewhere (Windows may defer the write time) every read
 * takes the two-read path.
 */
const ONE_READ_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['linux', 'darwin']);

/**
 * Reads a file the way `readStableBytes` does, but in one read when the file has
 * been quiet: stat, read, stat through one open descriptor, and the two stats
 * agree and date from at least `quietMs` ago. No writer was at work during the
 * read then, and none had just been. Otherwise (a file written moments ago, an
 * empty file written in the last 2 s, a changing stat) it falls back to two
 * agreeing reads a few ms apart.
 */
export async function readStable(
  path: string,
  options: QuietReadOptions = {},
): Promise<StableRead> {
  const platform = options.platform ?? process.platform;
  if (options.read === undefined && ONE_READ_PLATFORMS.has(platform)) {
    const quiet = await readIfQuiet(path, options);
    if (quiet) return quiet;
  }
  return { bytes: await readStableBytes(path, options) };
}

/**
 * True when the file still holds what `read` saw: by its stamp when the read
 * had one and the stat still matches it, otherwise by two agreeing reads.
 */
export async function unchangedSince(path: string, read: StableRead): Promise<boolean> {
  if (read.stamp !== undefined && sameStamp(await stampOf(path), read.stamp)) return true;
  return sameBytes(await readStableBytes(path), read.bytes);
}

async function readIfQuiet(
  path: string,
  options: QuietReadOptions,
): Promise<StableRead | undefined> {
  const quietMs = options.quietMs ?? QUIET_MS;
  const freshEmptyMs = options.freshEmptyMs ?? 2000;
  let handle: OpenFile;
  try {
    // Throws NotRegularFileError for /dev/null, a FIFO, a socket, a folder.
    handle = await openRegularFile(path);
  } catch (error) {
    // Writers create a file whole (rename) or empty (truncate): a missing file is not torn.
    if (errorCode(error) === 'ENOENT') return { bytes: undefined, stamp: 'absent' };
    throw error;
  }
  try {
    const before = await handle.stat({ bigint: true });
    const bytes = await handle.readFile();
    const after = await handle.stat({ bigint: true });
    const stamp = fileStampOf(after);
    if (!sameFileStamp(fileStampOf(before), stamp)) return undefined;
    // mtime moves on every write and truncate. (ctime is in the stamp but not
    // aged: a chmod or `touch -r` moves it without touching the bytes.)
    const ageMs = (options.now ?? Date.now)() - Number(after.mtimeNs / 1_000_000n);
    // A change time in the future (a skewed clock, a restored backup) proves nothing.
    if (ageMs < quietMs) return undefined;
    if (bytes.length === 0 && ageMs < freshEmptyMs) return undefined;
    return { bytes, stamp };
  } finally {
    await handle.close();
  }
}

async function stampOf(path: string): Promise<ReadStamp | undefined> {
  try {
    return fileStampOf(await fileOps().stat(path, { bigint: true }));
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? 'absent' : undefined;
  }
}

function sameStamp(a: ReadStamp | undefined, b: ReadStamp | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === 'absent' || b === 'absent') return a === b;
  return sameFileStamp(a, b);
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
    return Date.now() - (await fileOps().stat(path)).mtimeMs < ms;
  } catch {
    return false;
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
