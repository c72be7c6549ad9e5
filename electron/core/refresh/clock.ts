/**
 * The one seam for time in the refresh engine: the scheduler asks a Clock for
 * "now" and for timers, so tests drive it with a FakeClock instead of sleeping.
 */

declare const timerHandleBrand: unique symbol;

/** An opaque timer id; only the Clock that made it can clear it. */
export type TimerHandle = { readonly [timerHandleBrand]: true };

export interface Clock {
  /** Wall-clock time in epoch ms (what STS expiry times are compared with). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface SystemClockOptions {
  /**
   * Unref every timer so a pending refresh never keeps the process alive on its
   * own (the CLI's one-shot commands must exit when their work is done).
   */
  readonly unref?: boolean;
}

/**
 * Node clamps delays above 2^31-1 ms to 1 ms (TimeoutOverflowWarning), which
 * would turn a far-future wake-up into an immediate one; waking early is
 * harmless because the caller re-plans on every wake.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export function systemClock(options: SystemClockOptions = {}): Clock {
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const delay = Math.min(Math.max(0, Number.isFinite(ms) ? ms : 0), MAX_TIMER_DELAY_MS);
      const timer = setTimeout(fn, delay);
      if (options.unref) timer.unref();
      return timer as unknown as TimerHandle;
    },
    clearTimeout(handle) {
      clearTimeout(handle as unknown as NodeJS.Timeout);
    },
  };
}
