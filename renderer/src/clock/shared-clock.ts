/**
 * The one clock every countdown in the window reads. One timer for the whole
 * window (never one per row), running only while something is subscribed and
 * the window is visible, and firing on whole seconds so every countdown
 * changes together. `now()` is the time of the last tick, so every cell
 * rendered in one pass agrees on it.
 */
export interface SharedClock {
  now(): number;
  subscribe(listener: () => void): () => void;
  /** Advance to the current time and notify (the timer calls it; tests and benchmarks may too). */
  tick(): void;
  /** A hidden popup needs no countdowns: pause the timer, catch up on resume. */
  setPaused(paused: boolean): void;
  /** Number of subscribed listeners (for tests and the benchmark). */
  listenerCount(): number;
}

export interface ClockDeps {
  readonly now: () => number;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

const SECOND = 1000;

const browserDeps: ClockDeps = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export function createSharedClock(deps: ClockDeps = browserDeps): SharedClock {
  const listeners = new Set<() => void>();
  let current = deps.now();
  let timer: unknown;
  let paused = false;

  const stop = () => {
    if (timer !== undefined) deps.clearTimeout(timer);
    timer = undefined;
  };
  const schedule = () => {
    stop();
    if (paused || listeners.size === 0) return;
    // A few ms past the boundary, so the tick lands in the new second.
    const delay = SECOND - (deps.now() % SECOND) + 5;
    timer = deps.setTimeout(() => {
      timer = undefined;
      tick();
    }, delay);
  };
  const tick = () => {
    current = deps.now();
    for (const listener of [...listeners]) listener();
    schedule();
  };

  return {
    now: () => current,
    subscribe(listener) {
      if (listeners.size === 0) current = deps.now();
      listeners.add(listener);
      if (timer === undefined) schedule();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    tick,
    setPaused(next) {
      if (next === paused) return;
      paused = next;
      if (paused) stop();
      else tick();
    },
    listenerCount: () => listeners.size,
  };
}
