import type { Clock, TimerHandle } from './clock';
import type { RefresherLockResult } from './refresher-lock';

export interface TakeoverOptions {
  readonly clock: Clock;
  /** Usually () => tryAcquireRefresherLock({ configDir, kind }). */
  readonly tryAcquire: () => RefresherLockResult;
  /** Default 30 s: a refresh margin is minutes, so a dead holder costs nothing. */
  readonly intervalMs?: number;
  readonly onAcquired: (lock: Extract<RefresherLockResult, { acquired: true }>) => void;
  /** Each failed attempt, e.g. to show a new holder. */
  readonly onPassive?: (result: Extract<RefresherLockResult, { acquired: false }>) => void;
  readonly onError?: (error: unknown) => void;
}

/**
 * For a passive process: try to become the refresher every `intervalMs` until
 * it works (the holder quit or died), then stop. Returns a stop function.
 */
export function retryRefresherLock(options: TakeoverOptions): () => void {
  const intervalMs = options.intervalMs ?? 30_000;
  let timer: TimerHandle | undefined;
  let stopped = false;

  const attempt = (): void => {
    timer = undefined;
    if (stopped) return;
    try {
      const result = options.tryAcquire();
      if (result.acquired) {
        stopped = true;
        options.onAcquired(result);
        return;
      }
      options.onPassive?.(result);
    } catch (error) {
      // An unreadable config folder now may be fixed later: keep trying.
      options.onError?.(error);
    }
    timer = options.clock.setTimeout(attempt, intervalMs);
  };

  timer = options.clock.setTimeout(attempt, intervalMs);
  return () => {
    stopped = true;
    if (timer !== undefined) options.clock.clearTimeout(timer);
    timer = undefined;
  };
}
