import { resolveRealPath } from './resolve-real-path';
import { tryLockFile, type HeartbeatTimers } from './lock-file';
import type { LockOwner } from './lock-owner';

export { isProcessAlive } from './lock-owner';

/**
 * A cross-process advisory lock that every Switchyard writer (tray app, daemon,
 * CLI) takes before it reads-modifies-writes a file: `<realpath>.switchyard.lock`,
 * holding who owns it (see lock-file.ts). A lock whose owner is gone is taken
 * over so a crash never blocks the user; a live owner is waited for, however
 * slow it is, until `timeoutMs`.
 */

export interface LockOptions {
  /** Give up after this long; default 10 s. */
  readonly timeoutMs?: number;
  /** A holder whose pid cannot be checked (another host) is gone once its heartbeat is this old; default 30 s. */
  readonly staleMs?: number;
  /** How often the holder touches the lock; default 5 s. */
  readonly heartbeatMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
  readonly timers?: HeartbeatTimers;
}

export interface HeldLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): Promise<void>;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';

  constructor(
    readonly lockPath: string,
    readonly holder: LockOwner | undefined,
    timeoutMs: number,
  ) {
    const who = holder
      ? `held by pid ${holder.pid} on ${holder.hostname} since ${new Date(holder.startedAt).toISOString()}`
      : 'held by an unknown process (the lock file is empty or unreadable)';
    super(
      `timed out after ${timeoutMs / 1000} s waiting for the lock ${lockPath}, ${who}. ` +
        `If no Switchyard process is running, delete ${lockPath} and try again.`,
    );
  }
}

export const LOCK_SUFFIX = '.switchyard.lock';
const DEFAULT_TIMEOUT_MS = 10_000;

export async function lockPathFor(targetPath: string): Promise<string> {
  return `${await resolveRealPath(targetPath)}${LOCK_SUFFIX}`;
}

export async function withLock<T>(
  targetPath: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = await acquireLock(targetPath, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

export async function acquireLock(
  targetPath: string,
  options: LockOptions = {},
): Promise<HeldLock> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const lockPath = await lockPathFor(targetPath);
  const deadline = now() + timeoutMs;
  for (;;) {
    const attempt = tryLockFile(lockPath, { ...options, kind: 'write', now });
    if (attempt.acquired) {
      const { lock } = attempt;
      return { path: lockPath, release: async () => lock.release() };
    }
    if (now() >= deadline) throw new LockTimeoutError(lockPath, attempt.seen?.owner, timeoutMs);
    // Jittered, so two waiters do not retry in lock-step.
    await sleep(Math.min(10 + random() * 40, Math.max(1, deadline - now())));
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
