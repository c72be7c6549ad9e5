import { join } from 'node:path';
import {
  createExclusive,
  readLock,
  removeIfOwned,
  removeStaleLock,
  UNREADABLE_LOCK_GRACE_MS,
} from './lock-file';
import { currentOwner, ownerState, parseOwner, type LockOwner } from './lock-owner';
import { makeFolderKeepingOwnerSync } from '../fs/keep-owner';

/**
 * One refresher at a time across processes: the tray app and `switchyard
 * daemon` both keep sessions fresh, and two of them racing over the same
 * credentials file is how awsume users lost profiles. The loser stays passive
 * (shows who refreshes) and may call tryAcquire again later to take over.
 */

export const REFRESHER_LOCK_FILE = 'refresher.lock';

/** 'cli': a one-off command acting while no refresher runs; it holds the lock only for that. */
export type RefresherKind = 'app' | 'daemon' | 'cli';

export interface RefresherHolder extends LockOwner {
  readonly kind: RefresherKind;
}

export type RefresherLockResult =
  | {
      readonly acquired: true;
      readonly holder: RefresherHolder;
      /** False if the lock file was removed or replaced behind our back (check on each wake). */
      isHeld(): boolean;
      /** Idempotent. Also runs on process 'exit'; signal handlers should call it (or exit()). */
      release(): void;
    }
  | {
      readonly acquired: false;
      /** Undefined only while the holder is still writing the file: ask again shortly. */
      readonly holder: RefresherHolder | undefined;
    };

export interface RefresherLockOptions {
  /** SWITCHYARD_CONFIG_DIR. Created (0700) if missing. */
  readonly configDir: string;
  readonly kind: RefresherKind;
  /** Release on process 'exit' (default true). */
  readonly releaseOnExit?: boolean;
}

/** Lock paths this process holds, so our own pid in a lock file is told apart from a stale one. */
const heldHere = new Set<string>();

export function tryAcquireRefresherLock(options: RefresherLockOptions): RefresherLockResult {
  // As root (sudo -E), a folder created here stays the user's.
  makeFolderKeepingOwnerSync(options.configDir, 0o700);
  const path = join(options.configDir, REFRESHER_LOCK_FILE);

  // Two rounds: the second runs after a stale lock was removed.
  for (let round = 0; round < 2; round++) {
    const holder: RefresherHolder = { ...currentOwner(), kind: options.kind };
    const raw = `${JSON.stringify(holder)}\n`;
    if (!heldHere.has(path) && createExclusive(path, raw)) {
      heldHere.add(path);
      return acquired(path, raw, holder, options.releaseOnExit ?? true);
    }
    const removed = removeStaleLock(path, (lock) => {
      const owner = parseOwner(lock.body);
      if (!owner) return Date.now() - lock.mtimeMs > UNREADABLE_LOCK_GRACE_MS;
      return ownerState(owner, heldHere.has(path)) === 'gone';
    });
    if (!removed) break;
  }
  return { acquired: false, holder: parseHolder(readLock(path)?.body) };
}

/** "the Switchyard app (pid 4242 on build-01)", for the menu and `status`. */
export function describeRefresherHolder(holder: RefresherHolder): string {
  const what =
    holder.kind === 'app'
      ? 'the Switchyard app'
      : holder.kind === 'daemon'
        ? 'switchyard daemon'
        : 'a switchyard command';
  return `${what} (pid ${holder.pid} on ${holder.hostname})`;
}

function acquired(
  path: string,
  raw: string,
  holder: RefresherHolder,
  releaseOnExit: boolean,
): RefresherLockResult {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    heldHere.delete(path);
    removeIfOwned(path, raw);
  };
  if (releaseOnExit) process.on('exit', release);
  return {
    acquired: true,
    holder,
    isHeld: () => !released && readLock(path)?.raw === raw,
    release,
  };
}

function parseHolder(body: unknown): RefresherHolder | undefined {
  const owner = parseOwner(body);
  const kind = (body as { kind?: unknown } | undefined)?.kind;
  if (!owner || (kind !== 'app' && kind !== 'daemon' && kind !== 'cli')) return undefined;
  return { ...owner, kind };
}
