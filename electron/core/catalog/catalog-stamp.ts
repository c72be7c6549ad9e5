import { statSync, type BigIntStats } from 'node:fs';
import { fileStampOf, type FileStamp } from '../fs/file-stamp';
import { assertRegularStats } from '../fs/regular-file';

/** The file's stamp and when it was taken; equal stamps mean the same bytes (see RACY_MS). */
export interface TakenStamp extends FileStamp {
  /** When the stat was taken (wall clock, ns). */
  readonly takenNs: bigint;
}

/**
 * A file modified this close to the moment it was stat'ed may be modified again
 * within the same timestamp tick (coarse kernel clocks, 2 s on FAT), leaving
 * size and mtime as they were: such a stat does not vouch for the content (the
 * "racily clean" case git knows), and the text is compared instead.
 */
const RACY_MS = 2_000n;

/**
 * The file's stat; undefined when it is missing or cannot be stat'ed (conf's
 * read then reports why). A path that exists but is not a regular file (a
 * FIFO, /dev/null, a folder) throws NotRegularFileError: conf would block on
 * a FIFO or take a device for an empty, broken catalog. The stat can be
 * compared with a kept stamp as it is (sameFileStamp), so a read that finds
 * the file unchanged makes no stamp.
 */
export function statCatalog(path: string): BigIntStats | undefined {
  let stats: BigIntStats;
  try {
    stats = statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
  assertRegularStats(stats, path);
  return stats;
}

/** The stamp of a stat taken just now. */
export function stampOf(stats: BigIntStats): TakenStamp {
  return { ...fileStampOf(stats), takenNs: BigInt(Date.now()) * 1_000_000n };
}

/**
 * Content writes set mtime to the current time, so once mtime is older than any
 * tick a later write can only give it a new value; setting it back (utimes)
 * changes ctime, which must match too.
 */
export function trustworthy(stamp: TakenStamp): boolean {
  return stamp.takenNs - stamp.mtimeNs > RACY_MS * 1_000_000n;
}
