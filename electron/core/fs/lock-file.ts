import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './fs-error-message';
import { giveFolderOwnerSync, makeFolderKeepingOwnerSync } from './keep-owner';
import { isProcessAlive, newOwner, ownerIsGone, parseOwner, type LockOwner } from './lock-owner';

/**
 * The one lock-file primitive under every Switchyard lock: the short write
 * lock around a credentials or state file (file-lock.ts) and the long-lived
 * refresher lock (refresh/refresher-lock.ts). A lock is a file holding its
 * owner's record, published atomically; its holder touches its mtime every few
 * seconds (the heartbeat); a lock whose owner is gone is broken atomically.
 * Synchronous on purpose: each call is a few tiny syscalls, and a release must
 * be able to run inside process.on('exit').
 */

export interface LockFileOptions {
  /** Recorded in the lock: 'write', 'app', 'daemon', 'cli'. */
  readonly kind: string;
  /** A holder we cannot check whose heartbeat is older than this is gone; default 30 s. */
  readonly staleMs?: number;
  /** How often a holder touches its lock; default 5 s. */
  readonly heartbeatMs?: number;
  readonly now?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
  readonly timers?: HeartbeatTimers;
}

/** The timer the heartbeat runs on; unref'd by default so it never keeps a process alive. */
export interface HeartbeatTimers {
  setInterval(beat: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SeenLock {
  readonly raw: string;
  /** Undefined when the file holds no owner record (empty, torn, not ours). */
  readonly owner: LockOwner | undefined;
  readonly mtimeMs: number;
}

export interface HeldLockFile {
  readonly path: string;
  readonly owner: LockOwner;
  /** False once the lock file was removed or replaced behind our back. */
  isHeld(): boolean;
  /** Removes the lock only if it still carries our token; idempotent. */
  release(): void;
}

export type LockAttempt =
  | { readonly acquired: true; readonly lock: HeldLockFile }
  | { readonly acquired: false; readonly seen: SeenLock | undefined };

export const DEFAULT_STALE_MS = 30_000;
export const DEFAULT_HEARTBEAT_MS = 5_000;

/** Tokens of the locks this process holds: our own pid in a lock is alive only if listed here. */
const heldHere = new Set<string>();

const defaultTimers: HeartbeatTimers = {
  setInterval: (beat, ms) => setInterval(beat, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** One attempt, no waiting: takes the lock at `path`, breaking it first if its owner is gone. */
export function tryLockFile(path: string, options: LockFileOptions): LockAttempt {
  const now = options.now ?? Date.now;
  // Three rounds: a broken lock may be re-taken by a racer before our next try.
  for (let round = 0; round < 3; round++) {
    const owner = newOwner(options.kind, now());
    const raw = `${JSON.stringify(owner)}\n`;
    if (publish(path, raw)) return { acquired: true, lock: hold(path, owner, options) };
    const seen = readLockFile(path);
    if (seen === undefined) continue; // released between our two calls
    const gone = ownerIsGone(seen.owner, seen.mtimeMs, {
      now: now(),
      staleMs: options.staleMs ?? DEFAULT_STALE_MS,
      heldHere,
      isProcessAlive: options.isProcessAlive ?? isProcessAlive,
    });
    if (!gone) return { acquired: false, seen };
    breakLock(path, seen.raw);
    // Someone died holding this lock: clear what dead lockers left beside it.
    sweepLeftovers(path, options.isProcessAlive ?? isProcessAlive, now());
  }
  return { acquired: false, seen: readLockFile(path) };
}

/**
 * Whether the holder of the lock seen at `path` is alive (as tryLockFile would
 * judge it, so never broken): false when there is no lock or its holder is gone.
 */
export function lockHolderAlive(
  seen: SeenLock,
  options: Pick<LockFileOptions, 'now'> = {},
): boolean {
  return !ownerIsGone(seen.owner, seen.mtimeMs, {
    now: (options.now ?? Date.now)(),
    staleMs: DEFAULT_STALE_MS,
    heldHere,
    isProcessAlive,
  });
}

/** The lock at `path`, or undefined when there is none. */
export function readLockFile(path: string): SeenLock | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const { mtimeMs } = statSync(path);
    return { raw, owner: parseOwner(raw), mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates the lock with its content already in it: the content goes to a
 * private temp file that is hard-linked to the lock path (atomic, EEXIST if
 * taken). O_EXCL-then-write would leave an empty, ownerless lock if the process
 * were killed in between. File systems without hard links fall back to that.
 */
function publish(path: string, raw: string, madeFolder = false): boolean {
  const temp = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, raw, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    unlinkQuietly(temp); // created but not written (disk full): nothing may be left behind
    if (errorCode(error) !== 'ENOENT' || madeFolder) throw error;
    // First lock ever: ~/.aws or the config folder does not exist yet.
    // As root (sudo -E), a folder created here stays the user's.
    makeFolderKeepingOwnerSync(dirname(path), 0o700);
    return publish(path, raw, true);
  }
  try {
    // As root (sudo -E), the lock is the folder owner's: one left behind by a
    // killed run must not lock the user out of their own files.
    giveFolderOwnerSync(temp);
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
      throw error;
    }
  } finally {
    unlinkQuietly(temp);
  }
  return publishExclusive(path, raw);
}

function publishExclusive(path: string, raw: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, raw);
    giveFolderOwnerSync(path);
  } catch (error) {
    unlinkQuietly(path);
    throw error;
  } finally {
    closeSync(fd);
  }
  return true;
}

function hold(path: string, owner: LockOwner, options: LockFileOptions): HeldLockFile {
  const token = owner.token!;
  heldHere.add(token);
  const timers = options.timers ?? defaultTimers;
  let released = false;
  const isHeld = (): boolean => !released && ownerTokenAt(path) === token;
  const heartbeat = timers.setInterval(() => {
    if (!isHeld()) return;
    try {
      const at = new Date();
      utimesSync(path, at, at);
    } catch {
      // The lock went away between the check and the touch: isHeld() now says so.
    }
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  return {
    path,
    owner,
    isHeld,
    release() {
      if (released) return;
      released = true;
      timers.clearInterval(heartbeat);
      heldHere.delete(token);
      // Never a successor's lock: only one still carrying our token goes.
      if (ownerTokenAt(path) === token) unlinkQuietly(path);
    },
  };
}

function ownerTokenAt(path: string): string | undefined {
  try {
    return parseOwner(readFileSync(path, 'utf8'))?.token;
  } catch {
    return undefined; // gone, or the folder went away
  }
}

/**
 * Moves the dead lock aside instead of deleting it: if two waiters judge the
 * same lock dead, the second would otherwise delete the lock the first one has
 * just created. If what we moved is not what we judged, it goes back.
 */
function breakLock(path: string, judged: string): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // someone else broke it first
    throw error;
  }
  let moved: string | undefined;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    moved = undefined;
  }
  if (moved !== judged) {
    try {
      linkSync(aside, path);
    } catch (error) {
      // No hard links here: rename back unless a new lock appeared meanwhile.
      if (errorCode(error) !== 'EEXIST') {
        try {
          renameSync(aside, path);
        } catch {
          // Left aside; its owner finds isHeld() false on its next check.
        }
      }
    }
  }
  unlinkQuietly(aside);
}

/** A leftover this young may belong to a locker on another host that is mid-publish. */
const LEFTOVER_MIN_AGE_MS = 10_000;

/**
 * Removes `<lock>.new-<pid>-<hex>` and `<lock>.stale-<pid>-<hex>` files of dead
 * pids: a locker killed inside publish() or breakLock() leaves them, and
 * nothing else would ever clean them up. Best effort; failures are ignored.
 */
function sweepLeftovers(path: string, isAlive: (pid: number) => boolean, now: number): void {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(?:new|stale)-(\d+)-[0-9a-f]{8}$/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    try {
      const leftover = join(folder, name);
      if (now - statSync(leftover).mtimeMs >= LEFTOVER_MIN_AGE_MS) unlinkSync(leftover);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
