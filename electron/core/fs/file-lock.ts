import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { dirname } from 'node:path';
import { errorCode } from './fs-error-message';
import { resolveRealPath } from './resolve-real-path';
import { makeFolderKeepingOwner } from './keep-owner';

/**
 * A cross-process advisory lock that every Switchyard writer (tray app, daemon,
 * CLI) takes before it reads-modifies-writes a file: `<realpath>.switchyard.lock`
 * created with O_EXCL, holding who owns it. A lock whose process is gone, or that
 * is older than `staleMs`, is taken over so a crash never blocks the user.
 */

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

export interface LockOptions {
  /** Give up after this long; default 10 s. */
  readonly timeoutMs?: number;
  /** A lock older than this is abandoned whoever holds it; default 30 s. */
  readonly staleMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
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
    readonly holder: LockHolder | undefined,
    timeoutMs: number,
  ) {
    const who = holder
      ? `held by pid ${holder.pid} on ${holder.hostname} since ${holder.createdAt}`
      : 'held by an unknown process (the lock file is empty or unreadable)';
    super(
      `timed out after ${timeoutMs / 1000} s waiting for the lock ${lockPath}, ${who}. ` +
        `If no Switchyard process is running, delete ${lockPath} and try again.`,
    );
  }
}

export const LOCK_SUFFIX = '.switchyard.lock';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;

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
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const isAlive = options.isProcessAlive ?? isProcessAlive;

  const lockPath = await lockPathFor(targetPath);
  const deadline = now() + timeoutMs;
  for (;;) {
    const held = await tryCreate(lockPath, now);
    if (held) return held;

    const seen = await inspect(lockPath);
    if (seen === undefined) continue; // released between our two calls
    const age = now() - (seen.holder ? Date.parse(seen.holder.createdAt) : seen.mtimeMs);
    const deadHolder =
      seen.holder !== undefined &&
      seen.holder.hostname === osHostname() &&
      !isAlive(seen.holder.pid);
    if (deadHolder || age > staleMs) {
      await breakStaleLock(lockPath, seen.raw);
      continue;
    }
    if (now() >= deadline) throw new LockTimeoutError(lockPath, seen.holder, timeoutMs);
    // Jittered, so two waiters do not retry in lock-step.
    await sleep(Math.min(10 + random() * 40, Math.max(1, deadline - now())));
  }
}

/** process.kill(pid, 0) probes without signalling; EPERM means it exists as another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

async function tryCreate(
  lockPath: string,
  now: () => number,
  madeFolder = false,
): Promise<HeldLock | undefined> {
  const holder: LockHolder = {
    pid: process.pid,
    hostname: osHostname(),
    createdAt: new Date(now()).toISOString(),
  };
  const content = JSON.stringify(holder);
  let identity: { dev: number; ino: number };
  try {
    identity = await publishLock(lockPath, content);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    if (errorCode(error) !== 'ENOENT' || madeFolder) throw error;
    // First write ever: ~/.aws does not exist yet.
    // As root (sudo -E), a folder created here stays the user's.
    await makeFolderKeepingOwner(dirname(lockPath), 0o700);
    return tryCreate(lockPath, now, true);
  }

  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      // Only delete the file if it is still the one we created: if another process
      // judged us stale and took over, the lock is theirs now. (Inode numbers are
      // reused at once, so the content must match too.)
      const [current, text] = await Promise.all([
        stat(lockPath).catch(() => undefined),
        readFile(lockPath, 'utf8').catch(() => undefined),
      ]);
      if (current?.dev === identity.dev && current.ino === identity.ino && text === content) {
        await unlink(lockPath).catch((error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
        });
      }
    },
  };
}

/**
 * Creates the lock file with its content already in it: the content goes to a
 * private temp file that is then hard-linked to the lock path (atomic, fails
 * with EEXIST). Creating the lock with O_EXCL and then writing it would leave
 * an empty, ownerless lock if the process were killed in between, and every
 * writer would wait `staleMs` for it. File systems without hard links fall
 * back to O_EXCL + write.
 */
async function publishLock(
  lockPath: string,
  content: string,
): Promise<{ dev: number; ino: number }> {
  const temp = `${lockPath}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    await link(temp, lockPath);
    return await stat(lockPath);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
      throw error;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const fallback = await open(lockPath, 'wx', 0o600);
  try {
    await fallback.writeFile(content);
    return await fallback.stat();
  } catch (error) {
    await unlink(lockPath).catch(() => undefined);
    throw error;
  } finally {
    await fallback.close().catch(() => undefined);
  }
}

interface SeenLock {
  readonly raw: string;
  readonly holder: LockHolder | undefined;
  readonly mtimeMs: number;
}

async function inspect(lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { raw, holder: parseHolder(raw), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.createdAt === 'string' &&
      !Number.isNaN(Date.parse(value.createdAt))
    ) {
      return { pid: value.pid, hostname: value.hostname, createdAt: value.createdAt };
    }
  } catch {
    // Empty while its creator is still writing it, or not ours: judged by its age.
  }
  return undefined;
}

/**
 * Moves the stale lock aside instead of deleting it: if two waiters judge the
 * same lock stale, the second would otherwise delete the lock the first one
 * has just created. If what we moved is not what we judged, we put it back.
 */
async function breakStaleLock(lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // someone else broke it first
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== judged) {
    await link(aside, lockPath).catch(async (error: unknown) => {
      // No hard links on this file system: rename back unless a new lock appeared.
      if (errorCode(error) !== 'EEXIST') await rename(aside, lockPath).catch(() => undefined);
    });
  }
  await unlink(aside).catch(() => undefined);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
