import { statSync, type Stats } from 'node:fs';
import { msStampOf, type MsStamp } from '../fs/file-stamp';
import { assertRegularStats } from '../fs/regular-file';

/** The file's stamp and when it was taken; equal stamps mean the same bytes (see RACY_MS). */
export interface TakenStamp extends MsStamp {
  /** When the stat was taken (wall clock, ms). */
  readonly takenMs: number;
}

/**
 * A file modified this close to the moment it was stat'ed may be modified again
 * within the same timestamp tick (coarse kernel clocks, 2 s on FAT), leaving
 * size and mtime as they were: such a stat does not vouch for the content (the
 * "racily clean" case git knows), and the text is compared instead.
 */
const RACY_MS = 2_000;

/**
 * The file's stat; undefined when it is missing or cannot be stat'ed (conf's
 * read then reports why). A path that exists but is not a regular file (a
 * FIFO, /dev/null, a folder) throws NotRegularFileError: conf would block on
 * a FIFO or take a device for an empty, broken catalog. The stat can be
 * compared with a kept stamp as it is (sameMsStamp), so a read that finds
 * the file unchanged makes no stamp.
 */
export function statCatalog(path: string): Stats | undefined {
  let stats: Stats;
  try {
    // A plain stat, not a bigint one: asked on every endpoint request (MsStamp says why it is enough).
    stats = statSync(path);
  } catch {
    return undefined;
  }
  assertRegularStats(stats, path);
  return stats;
}

/** The stamp of a stat taken just now. */
export function stampOf(stats: Stats): TakenStamp {
  return { ...msStampOf(stats), takenMs: Date.now() };
}

/**
 * Content writes set mtime to the current time, so once mtime is older than any
 * tick a later write can only give it a new value; setting it back (utimes)
 * changes ctime, which must match too.
 */
export function trustworthy(stamp: TakenStamp): boolean {
  return stamp.takenMs - stamp.mtimeMs > RACY_MS;
}
