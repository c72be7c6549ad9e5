import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { errorCode } from '../fs/fs-error-message';

// Windows has no POSIX modes; the folder under %APPDATA% is already per-user.
const POSIX = process.platform !== 'win32';

/**
 * Creates `dir` owner-only (0700), or narrows it to that when others could
 * read it: it is Switchyard's own folder and holds only Switchyard's files.
 */
export function ensureOwnerOnlyFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Narrows an existing file to owner-only (0600); a missing file is fine. */
export function restrictFileToOwner(path: string): void {
  if (!POSIX) return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
