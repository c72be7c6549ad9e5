import type { ClockDeps } from '../../../renderer/src/clock/shared-clock';

/** Manual time for the shared clock: timers fire only when `advance` passes them. */
export function fakeClockDeps(start: number) {
  let now = start;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const deps: ClockDeps = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, callback });
      return handle;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  return {
    deps,
    pending: () => timers.size,
    /** The delay of the one pending timer. */
    nextDelay: () => Math.min(...[...timers.values()].map((t) => t.at - now)),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = end;
    },
  };
}
