import { chmodSync, statSync } from 'node:fs';
import { errorCode } from '../fs/fs-error-message';
import { makeFolderKeepingOwnerSync } from '../fs/keep-owner';

// Windows has no POSIX modes; the folder under %APPDATA% is already per-user.
const POSIX = process.platform !== 'win32';

/**
 * Creates `dir` owner-only (0700), or narrows it to that when others could
 * read it: it is Switchyard's own folder and holds only Switchyard's files.
 * As root (sudo with the user's HOME) the folders it creates stay the user's.
 */
export function ensureOwnerOnlyFolder(dir: string): void {
  makeFolderKeepingOwnerSync(dir, 0o700);
  if (POSIX && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * Narrows an existing file to its owner (group and others lose every bit);
 * the owner's own bits stay, so a file the user made read-only stays so. A
 * missing file is fine.
 */
export function restrictFileToOwner(path: string): void {
  if (!POSIX) return;
  try {
    const { mode } = statSync(path);
    if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
