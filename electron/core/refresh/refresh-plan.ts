import type { ErrorKind, Settings } from '../../../shared/model';
import { retryDelay, type BackoffPolicy } from './backoff';
import { stableUnit } from './stable-random';

/** What the planner needs to know about one active session. No secrets. */
export interface SessionTiming {
  readonly roleId: string;
  /** Expiry of the credentials now in the file (epoch ms). */
  readonly expiresAt: number;
  /**
   * When those credentials were issued. Defaults to `lastAttemptAt` when
   * `failures` is 0 (the last attempt is the one that issued them).
   */
  readonly issuedAt?: number;
  /** When the last attempt (success or failure) ended; needed for retries. */
  readonly lastAttemptAt?: number;
  /** Consecutive failed attempts since the last success. */
  readonly failures: number;
  readonly lastErrorKind?: ErrorKind;
  /** A refresh is running now: plan nothing for it (it would be "due" again at once). */
  readonly inFlight?: boolean;
}

export interface PlanOptions {
  /** Mixed into every jitter hash; e.g. a per-install random number. */
  readonly seed?: number;
  readonly backoff?: Partial<BackoffPolicy>;
}

export interface PlannedRefresh {
  readonly roleId: string;
  /** Never earlier than the plan's `now`. */
  readonly refreshAt: number;
  /** 'scheduled': ahead of expiry; 'retry': after a retryable failure. */
  readonly reason: 'scheduled' | 'retry';
}

export interface RefreshPlan {
  readonly now: number;
  /** Every automatic refresh, earliest first (ties by role id). */
  readonly refreshes: readonly PlannedRefresh[];
  /** Role ids to refresh right away (refreshAt === now), in plan order. */
  readonly due: readonly string[];
  /** Role ids whose credentials have expired (expiresAt <= now). They may also be due. */
  readonly expired: readonly string[];
  /** Role ids waiting for a person (needs-user, invalid-request): never refreshed automatically. */
  readonly blocked: readonly string[];
  /** Expiries still ahead, so the manager wakes to mark or remove them on time. */
  readonly expiries: readonly { readonly roleId: string; readonly expiresAt: number }[];
}

/** Jitter never exceeds this, however large the margin: spread, not delay, is the goal. */
export const MAX_JITTER_MS = 120_000;

/**
 * When to refresh each session.
 *
 * Scheduled: `expiresAt - margin - jitter`, where margin is the user's setting
 * but at most half of the session's life (`expiresAt - issuedAt`), and jitter is
 * in [0, min(margin/4, 120 s)], a stable hash of (seed, role, expiry) so 200
 * roles that expire together are spread out and re-planning never moves them.
 *
 * Why half-life: a session shorter than the margin (a 15-minute session with a
 * 20-minute margin) would otherwise be due the moment it is issued, forever.
 * With the cap the next refresh is at least 3/8 of a life away (≥ 337 s for
 * STS's 900 s minimum). When the issue time is unknown (credentials found in
 * the file at start-up) the full margin applies: such a session is refreshed
 * at once if it is inside the margin, and the fresh one has a known issue time.
 *
 * Retry: after a retryable failure, `lastAttemptAt + retryDelay(...)` with a
 * stable draw per (role, attempt). Nothing is ever planned before `now`.
 */
export function planRefresh(
  sessions: readonly SessionTiming[],
  settings: Pick<Settings, 'refreshMarginSeconds'>,
  now: number,
  options: PlanOptions = {},
): RefreshPlan {
  const seed = options.seed ?? 0;
  const marginMs = Math.max(0, settings.refreshMarginSeconds * 1000);
  const refreshes: PlannedRefresh[] = [];
  const expired: string[] = [];
  const blocked: string[] = [];
  const expiries: { roleId: string; expiresAt: number }[] = [];

  for (const s of sessions) {
    if (s.expiresAt <= now) expired.push(s.roleId);
    else expiries.push({ roleId: s.roleId, expiresAt: s.expiresAt });

    if (s.failures > 0 && waitsForUser(s.lastErrorKind)) {
      blocked.push(s.roleId);
      continue;
    }
    if (s.inFlight) continue;
    const planned =
      s.failures > 0 ? retryAt(s, now, seed, options.backoff) : scheduledAt(s, marginMs, seed);
    refreshes.push({
      roleId: s.roleId,
      refreshAt: Math.max(now, planned),
      reason: s.failures > 0 ? 'retry' : 'scheduled',
    });
  }

  refreshes.sort((a, b) => a.refreshAt - b.refreshAt || compareIds(a.roleId, b.roleId));
  expiries.sort((a, b) => a.expiresAt - b.expiresAt || compareIds(a.roleId, b.roleId));
  return {
    now,
    refreshes,
    due: refreshes.filter((r) => r.refreshAt <= now).map((r) => r.roleId),
    expired,
    blocked,
    expiries,
  };
}

/**
 * When the manager should wake next: the earliest refresh or expiry, never
 * before `now`; undefined when nothing is pending. One timer for all roles.
 * `maxDelayMs` caps the sleep, for hosts with no resume event (a daemon on a
 * laptop): timers there stop during suspend, so waking regularly to re-plan
 * is how a missed refresh is noticed.
 */
export function nextWake(plan: RefreshPlan, now: number, maxDelayMs?: number): number | undefined {
  let earliest = Infinity;
  for (const r of plan.refreshes) earliest = Math.min(earliest, r.refreshAt);
  for (const e of plan.expiries) earliest = Math.min(earliest, e.expiresAt);
  if (maxDelayMs !== undefined) earliest = Math.min(earliest, now + Math.max(0, maxDelayMs));
  return earliest === Infinity ? undefined : Math.max(now, earliest);
}

function waitsForUser(kind: ErrorKind | undefined): boolean {
  return kind === 'needs-user' || kind === 'invalid-request';
}

function scheduledAt(s: SessionTiming, marginMs: number, seed: number): number {
  const issuedAt = s.issuedAt ?? (s.failures === 0 ? s.lastAttemptAt : undefined);
  const life =
    issuedAt !== undefined && issuedAt < s.expiresAt ? s.expiresAt - issuedAt : undefined;
  const margin = life === undefined ? marginMs : Math.min(marginMs, life / 2);
  const jitter = stableUnit(seed, s.roleId, s.expiresAt) * Math.min(margin / 4, MAX_JITTER_MS);
  return Math.floor(s.expiresAt - margin - jitter);
}

function retryAt(
  s: SessionTiming,
  now: number,
  seed: number,
  policy: Partial<BackoffPolicy> | undefined,
): number {
  // Without lastAttemptAt the retry counts from now and drifts on each re-plan.
  const from = s.lastAttemptAt ?? now;
  const delay = retryDelay(
    {
      kind: s.lastErrorKind ?? 'retryable',
      failures: s.failures,
      now: from,
      expiresAt: s.expiresAt,
      random: stableUnit(seed, s.roleId, 'retry', from, s.failures),
    },
    policy,
  );
  return from + (delay ?? 0);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
