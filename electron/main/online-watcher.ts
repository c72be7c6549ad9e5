import type { Clock, TimerHandle } from '../core/refresh/clock';

/**
 * How often main asks whether the machine is online. Electron has no
 * main-process online/offline event: net.isOnline() (added in
 * https://github.com/electron/electron/pull/21004) is a cheap, synchronous
 * read of Chromium's network-change state, and the documented alternative is
 * a renderer's navigator.onLine events relayed over IPC
 * (https://github.com/electron/electron/issues/48561). Polling keeps the
 * popup's page out of it (it may not be loaded, and it gets no extra channel);
 * a change reaches the engine within this interval, and checkNow() after a wake.
 */
export const ONLINE_POLL_MS = 15_000;

export interface OnlineWatcher {
  /** Check at once (after resume or unlock). */
  checkNow(): void;
  dispose(): void;
}

/** Tells `setOnline` the current state at start, then only changes. */
export function watchOnline(
  isOnline: () => boolean,
  setOnline: (online: boolean) => void,
  clock: Clock,
  intervalMs = ONLINE_POLL_MS,
): OnlineWatcher {
  let last = isOnline();
  setOnline(last);
  let timer: TimerHandle | undefined;

  const check = (): void => {
    const now = isOnline();
    if (now !== last) {
      last = now;
      setOnline(now);
    }
  };
  const schedule = (): void => {
    timer = clock.setTimeout(() => {
      check();
      schedule();
    }, intervalMs);
  };
  schedule();

  return {
    checkNow: check,
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
