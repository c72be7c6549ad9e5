import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname as osHostname, uptime } from 'node:os';

/**
 * Who holds a Switchyard lock file, and whether that holder is still alive.
 * The record is the whole protocol: any Switchyard process (tray app, daemon,
 * CLI, another version) reads it the same way.
 */

export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** Epoch ms when the owner took the lock. */
  readonly startedAt: number;
  /** What kind of holder: 'write' for a file write, 'app' / 'daemon' / 'cli' for the refresher. */
  readonly kind: string;
  /** Unique per acquisition: a release removes the lock only if it still carries this. */
  readonly token?: string;
  /** Linux: the pid's start time in clock ticks since boot, so a reused pid is told apart. */
  readonly pidStart?: string;
  /** Linux: the pid namespace, so a pid from another container is not checked in ours. */
  readonly pidNs?: string;
}

let ownStart: string | null | undefined;

export function newOwner(kind: string, now: number): LockOwner {
  ownStart ??= processStartTime(process.pid) ?? null;
  const pidStart = ownStart ?? undefined;
  const pidNs = ownPidNamespace();
  return {
    pid: process.pid,
    hostname: osHostname(),
    startedAt: now,
    kind,
    token: randomBytes(12).toString('hex'),
    ...(pidStart !== undefined ? { pidStart } : {}),
    ...(pidNs !== undefined ? { pidNs } : {}),
  };
}

/**
 * The owner in a lock file's text, or undefined when it is not a record
 * (empty, torn, not ours). Older Switchyard versions wrote `createdAt` (ISO)
 * and no token or kind; their locks are still respected.
 */
export function parseOwner(raw: string): LockOwner | undefined {
  let value: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    value = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { pid, hostname, kind, token, pidStart, pidNs } = value;
  const startedAt =
    typeof value.startedAt === 'number'
      ? value.startedAt
      : typeof value.createdAt === 'string'
        ? Date.parse(value.createdAt)
        : Number.NaN;
  if (typeof pid !== 'number' || typeof hostname !== 'string' || Number.isNaN(startedAt)) {
    return undefined;
  }
  return {
    pid,
    hostname,
    startedAt,
    kind: typeof kind === 'string' ? kind : 'write',
    ...(typeof token === 'string' ? { token } : {}),
    ...(typeof pidStart === 'string' ? { pidStart } : {}),
    ...(typeof pidNs === 'string' ? { pidNs } : {}),
  };
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

export interface LivenessContext {
  /** Epoch ms, for the heartbeat's age. */
  readonly now: number;
  /** A holder we cannot check whose heartbeat is older than this is gone. */
  readonly staleMs: number;
  /** Tokens of the locks this process holds. */
  readonly heldHere: ReadonlySet<string>;
  readonly isProcessAlive: (pid: number) => boolean;
}

/**
 * Whether the holder of a lock is certainly gone, so the lock may be broken.
 * On this host (and pid namespace) the pid decides and the lock's age never
 * does: a live writer that is only slow, or stopped (SIGSTOP also stops its
 * heartbeat), keeps its lock however long it takes. A holder whose pid we
 * cannot check (another host sharing the folder, another container) is alive
 * while its heartbeat (the lock's mtime, touched every few seconds) is fresh.
 */
export function ownerIsGone(
  owner: LockOwner | undefined,
  mtimeMs: number,
  context: LivenessContext,
): boolean {
  const heartbeatStale = context.now - mtimeMs > context.staleMs;
  // A lock from before this boot is gone whatever it says; os.uptime() has 1 s
  // resolution and the boot time drifts with clock changes: a minute's slack.
  const bootedAt = Date.now() - uptime() * 1000 - 60_000;
  if (!owner) return heartbeatStale || mtimeMs < bootedAt; // unreadable: only its age tells
  if (owner.token !== undefined && context.heldHere.has(owner.token)) return false;
  if (!canCheckPid(owner)) return heartbeatStale;
  if (owner.startedAt < bootedAt) return true;
  // Our own pid on a lock this process does not hold: a container restarted with the same pid.
  if (owner.pid === process.pid) return true;
  if (!context.isProcessAlive(owner.pid)) return true;
  if (owner.pidStart !== undefined) {
    const start = processStartTime(owner.pid);
    if (start !== undefined && start !== owner.pidStart) return true; // the pid was reused
  }
  return false;
}

function canCheckPid(owner: LockOwner): boolean {
  if (owner.hostname !== osHostname()) return false;
  const ours = ownPidNamespace();
  return owner.pidNs === undefined || ours === undefined || owner.pidNs === ours;
}

/** Field 22 of /proc/<pid>/stat (start time); undefined where there is no /proc. */
export function processStartTime(pid: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

let pidNamespace: string | null | undefined;

function ownPidNamespace(): string | undefined {
  if (pidNamespace === undefined) {
    pidNamespace = null;
    if (process.platform === 'linux') {
      try {
        pidNamespace = readlinkSync('/proc/self/ns/pid');
      } catch {
        // No /proc or not allowed: pids are checked as before.
      }
    }
  }
  return pidNamespace ?? undefined;
}
