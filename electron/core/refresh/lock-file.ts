import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { errorCode } from '../fs/fs-error-message';

/**
 * Lock files made with O_EXCL: the primitive under both the refresher lock and
 * the state-file mutex. Synchronous on purpose: each call is a few tiny
 * syscalls, and a release must be able to run inside process.on('exit').
 */

export interface ExistingLock {
  /** Parsed JSON; undefined while the file is empty or torn (being written, or its writer died). */
  readonly body: unknown;
  readonly raw: string;
  readonly mtimeMs: number;
}

/** A lock body that cannot be read this long after its last write was abandoned. */
export const UNREADABLE_LOCK_GRACE_MS = 5_000;

/** A takeover guard older than this belongs to a process that died mid-takeover. */
const GUARD_STALE_MS = 10_000;

/** Create `path` with `content` (mode 0600) unless it exists; false if it does. */
export function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(path);
    throw error;
  }
  closeSync(fd);
  return true;
}

/** The lock at `path`, or undefined when there is none. */
export function readLock(path: string): ExistingLock | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const { mtimeMs } = statSync(path);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    return { body, raw, mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Deletes the lock at `path` if `isStale` says so. Two processes that both find
 * the same stale lock must not both delete-and-recreate (the second would
 * delete the first one's fresh lock), so the check and the delete happen under
 * a guard file, and the lock is re-read under it. Returns true when there is no
 * lock any more; false when it is live or another process is taking it over.
 */
export function removeStaleLock(path: string, isStale: (lock: ExistingLock) => boolean): boolean {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, JSON.stringify({ pid: process.pid, at: Date.now() }))) {
    const stuck = readLock(guard);
    if (stuck && Date.now() - stuck.mtimeMs > GUARD_STALE_MS) unlinkQuietly(guard);
    return false;
  }
  try {
    const lock = readLock(path);
    if (!lock) return true;
    if (!isStale(lock)) return false;
    unlinkQuietly(path);
    return true;
  } finally {
    unlinkQuietly(guard);
  }
}

/** Deletes the lock only if it still holds `raw` (ours), so we never drop a successor's lock. */
export function removeIfOwned(path: string, raw: string): void {
  try {
    if (readFileSync(path, 'utf8') === raw) unlinkSync(path);
  } catch {
    // Already gone, or the folder went away: nothing of ours is left to remove.
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
