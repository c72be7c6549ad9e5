/**
 * The pause before retrying a throttled (or otherwise retryable) portal call:
 * full jitter over an exponential ceiling, as AWS's own SDKs do, so the many
 * calls of a sync that were throttled together do not come back together.
 * Pure: the random draw is given.
 */
export interface PortalBackoffPolicy {
  /** Ceiling of the first pause; doubles per failed attempt. */
  readonly baseMs: number;
  /** Largest pause ever. */
  readonly capMs: number;
  /** Smallest pause ever: however the dice fall, no hot loop. */
  readonly minMs: number;
  /** Attempts of one call when the portal throttles (429). */
  readonly throttledAttempts: number;
  /** Attempts of one call on other retryable failures (5xx, network, timeout). */
  readonly otherAttempts: number;
}

// The portal's throttle is a per-second budget (20 requests a second is the
// figure quoted for Identity Center): pauses of a few hundred ms to seconds.
export const DEFAULT_PORTAL_BACKOFF: PortalBackoffPolicy = {
  baseMs: 400,
  capMs: 15_000,
  minMs: 100,
  throttledAttempts: 8,
  otherAttempts: 3,
};

/** Pause after the `failures`-th failed attempt (1 after the first), `random` in [0, 1). */
export function portalRetryDelayMs(
  failures: number,
  random: number,
  policy: PortalBackoffPolicy = DEFAULT_PORTAL_BACKOFF,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(policy.minMs, Math.floor(ceiling * Math.min(Math.max(random, 0), 1)));
}

/** An abortable pause (real timers; tests of the loop inject their own). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
