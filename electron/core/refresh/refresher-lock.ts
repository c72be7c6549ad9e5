import { join } from 'node:path';
import { tryLockFile, type HeartbeatTimers } from '../fs/lock-file';
import type { LockOwner } from '../fs/lock-owner';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { makeFolderKeepingOwnerSync } from '../fs/keep-owner';

/**
 * One refresher at a time across processes: the tray app and `switchyard
 * daemon` both keep sessions fresh, and two of them racing over the same
 * credentials file is how awsume users lost profiles. The loser stays passive
 * (shows who refreshes) and may call tryAcquire again later to take over.
 * The lock itself is the shared primitive in fs/lock-file.ts: a holder whose
 * process is gone is taken over at once, a live one never is.
 */

export const REFRESHER_LOCK_FILE = 'refresher.lock';

/** 'cli': a one-off command acting while no refresher runs; it holds the lock only for that. */
export type RefresherKind = 'app' | 'daemon' | 'cli';

export interface RefresherHolder {
  readonly pid: number;
  readonly hostname: string;
  /** Epoch ms when the holder took the lock. */
  readonly startedAt: number;
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
      /** Undefined only while the lock file holds no record we can read: ask again shortly. */
      readonly holder: RefresherHolder | undefined;
    };

export interface RefresherLockOptions {
  /** SWITCHYARD_CONFIG_DIR. Created (0700) if missing. */
  readonly configDir: string;
  readonly kind: RefresherKind;
  /** Release on process 'exit' (default true). */
  readonly releaseOnExit?: boolean;
  /** Tests: the heartbeat's timer and the liveness check. */
  readonly timers?: HeartbeatTimers;
  readonly now?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
}

export function refresherLockPath(configDir: string): string {
  return join(configDir, REFRESHER_LOCK_FILE);
}

export function tryAcquireRefresherLock(options: RefresherLockOptions): RefresherLockResult {
  const path = refresherLockPath(options.configDir);
  let attempt: ReturnType<typeof tryLockFile>;
  try {
    // As root (sudo -E), a folder created here stays the user's.
    makeFolderKeepingOwnerSync(options.configDir, 0o700);
    attempt = tryLockFile(path, options);
  } catch (error) {
    // A folder we may not enter or write: one line naming the file and the fix, not raw errno text.
    if (errorCode(error) === undefined) throw error;
    throw new Error(fsErrorMessage(error, path, 'write'), { cause: error });
  }
  if (!attempt.acquired) return { acquired: false, holder: asHolder(attempt.seen?.owner) };

  const { lock } = attempt;
  const release = (): void => {
    process.off('exit', release);
    lock.release();
  };
  if (options.releaseOnExit ?? true) process.on('exit', release);
  return {
    acquired: true,
    holder: { ...pick(lock.owner), kind: options.kind },
    isHeld: lock.isHeld,
    release,
  };
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

function asHolder(owner: LockOwner | undefined): RefresherHolder | undefined {
  const kind = owner?.kind;
  if (!owner || (kind !== 'app' && kind !== 'daemon' && kind !== 'cli')) return undefined;
  return { ...pick(owner), kind };
}

function pick(owner: LockOwner): Omit<RefresherHolder, 'kind'> {
  return { pid: owner.pid, hostname: owner.hostname, startedAt: owner.startedAt };
}
