import type { BigIntStats } from 'node:fs';

/**
 * What a stat says about a file's version, to the nanosecond. Equal stamps mean
 * the same bytes only when the file had been left alone for longer than the
 * file system's timestamp tick before the stat (callers decide how long): a
 * write, a truncate or a rename-over changes mtime, size or inode, and a writer
 * that puts mtime back still moves ctime.
 */
export interface FileStamp {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

export function fileStampOf(stats: BigIntStats): FileStamp {
  return {
    dev: stats.dev,
    ino: stats.ino,
    size: stats.size,
    mtimeNs: stats.mtimeNs,
    ctimeNs: stats.ctimeNs,
  };
}

export function sameFileStamp(a: FileStamp, b: FileStamp): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs
  );
}
