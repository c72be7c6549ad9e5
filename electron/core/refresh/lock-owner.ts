import { hostname, uptime } from 'node:os';

/** Who holds a lock file: enough to tell, on this machine, whether it is still alive. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** Epoch ms when the owner took the lock. */
  readonly startedAt: number;
}

export function currentOwner(now: number = Date.now()): LockOwner {
  return { pid: process.pid, hostname: hostname(), startedAt: now };
}

/** True unless the pid certainly does not exist (EPERM: it exists, as another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * 'gone' when the owner is certainly not running any more, 'alive' when it may
 * be, 'unknown' when it ran on another host (a shared config folder) and we
 * cannot look. Pids are reused, so two cheap guards come before the pid check:
 * a lock older than this boot, and a lock carrying our own pid that this
 * process does not hold (a container restarted with the same pid 1).
 */
export function ownerState(
  owner: LockOwner,
  heldByThisProcess: boolean,
  now: number = Date.now(),
): 'gone' | 'alive' | 'unknown' {
  if (owner.hostname !== hostname()) return 'unknown';
  // os.uptime() has 1 s resolution and boot time drifts with clock changes: keep a minute's slack.
  const bootedAt = now - uptime() * 1000;
  if (owner.startedAt < bootedAt - 60_000) return 'gone';
  if (owner.pid === process.pid) return heldByThisProcess ? 'alive' : 'gone';
  return isProcessAlive(owner.pid) ? 'alive' : 'gone';
}

/** The owner fields of a parsed lock body, or undefined if they are not all there. */
export function parseOwner(body: unknown): LockOwner | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { pid, hostname: host, startedAt } = body as Record<string, unknown>;
  if (typeof pid !== 'number' || typeof host !== 'string' || typeof startedAt !== 'number') {
    return undefined;
  }
  return { pid, hostname: host, startedAt };
}
