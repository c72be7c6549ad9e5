import type { ErrorKind } from '../../../shared/model';

/**
 * How long to wait before retrying a failed refresh. Stateless apart from the
 * failure count (full jitter), so a re-plan after a wake-up gives the same time.
 */
export interface BackoffPolicy {
  /** Delay ceiling after the first failure; doubles per failure. */
  readonly baseMs: number;
  /** Largest delay ever returned. */
  readonly capMs: number;
  /** Smallest delay ever returned: whatever happens, no hot loop. */
  readonly minMs: number;
  /** Retries aim to land this long before the old credentials expire. */
  readonly safetyMs: number;
  /**
   * 'full': uniform in [0, min(cap, base·2^(n-1))], needs only the failure count.
   * 'decorrelated': uniform in [base, 3·previous], capped; needs the previous delay.
   */
  readonly jitter: 'full' | 'decorrelated';
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 2_000,
  capMs: 5 * 60_000,
  minMs: 1_000,
  safetyMs: 1_000,
  jitter: 'full',
};

export interface RetryContext {
  readonly kind: ErrorKind;
  /** Consecutive failures, the one just seen included (1 after the first). */
  readonly failures: number;
  /** When the failed attempt ended; the delay counts from here. */
  readonly now: number;
  /** Expiry of the credentials still in the file, if any. */
  readonly expiresAt?: number;
  /** The delay used before this failure (decorrelated jitter only). */
  readonly previousDelayMs?: number;
  /** A uniform draw in [0, 1); pass a stable one to get a stable delay. */
  readonly random: number;
}

/**
 * Milliseconds until the next attempt, or undefined when retrying cannot help:
 * 'needs-user' (MFA, revoked or expired source keys) and 'invalid-request'
 * (bad duration, policy, region) wait for a person. 'file' errors (credentials
 * file locked, disk full) are retried like network faults.
 *
 * While the old credentials are still valid the delay is also held to half of
 * the time left before `expiresAt - safetyMs`, so retries get denser as expiry
 * nears (several tries instead of one that lands after expiry), never below
 * `minMs`. Once they have expired the plain backoff applies.
 */
export function retryDelay(
  context: RetryContext,
  policy: Partial<BackoffPolicy> = {},
): number | undefined {
  if (context.kind === 'needs-user' || context.kind === 'invalid-request') return undefined;
  const p = normalize({ ...DEFAULT_BACKOFF, ...policy });
  const u = clampUnit(context.random);
  const failures = Math.max(1, Math.floor(context.failures));

  let delay: number;
  if (p.jitter === 'decorrelated') {
    const previous = Math.max(p.baseMs, context.previousDelayMs ?? p.baseMs);
    delay = p.baseMs + u * (previous * 3 - p.baseMs);
  } else {
    // 2^(n-1) overflows to Infinity for huge n; the cap takes over long before.
    delay = u * Math.min(p.capMs, p.baseMs * 2 ** Math.min(failures - 1, 52));
  }
  delay = Math.min(p.capMs, delay);

  if (context.expiresAt !== undefined) {
    const window = context.expiresAt - p.safetyMs - context.now;
    if (window > 0) {
      const limit = Math.max(p.minMs, window / 2);
      // Keep some spread among roles that fail together, so they don't retry in lockstep.
      if (delay > limit) delay = limit * (0.5 + 0.5 * u);
    }
  }
  return Math.round(Math.max(p.minMs, delay));
}

function normalize(p: BackoffPolicy): BackoffPolicy {
  const minMs = Math.max(1, p.minMs);
  return {
    ...p,
    minMs,
    baseMs: Math.max(minMs, p.baseMs),
    capMs: Math.max(minMs, p.capMs),
    safetyMs: Math.max(0, p.safetyMs),
  };
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
