import { describe, expect, it, vi } from 'vitest';

import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { ONLINE_POLL_MS, watchOnline } from '../../../electron/main/online-watcher';

describe('watchOnline', () => {
  it('reports the state at start, then only changes, on a slow poll', () => {
    const clock = new FakeClock();
    let online = true;
    const setOnline = vi.fn();
    const watcher = watchOnline(() => online, setOnline, clock);
    expect(setOnline.mock.calls).toEqual([[true]]);

    clock.advance(ONLINE_POLL_MS * 3);
    expect(setOnline).toHaveBeenCalledTimes(1);

    online = false;
    clock.advance(ONLINE_POLL_MS - 1);
    expect(setOnline).toHaveBeenCalledTimes(1);
    clock.advance(1);
    expect(setOnline.mock.calls).toEqual([[true], [false]]);

    online = true;
    watcher.checkNow();
    expect(setOnline.mock.calls).toEqual([[true], [false], [true]]);
    watcher.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps exactly one timer pending', () => {
    const clock = new FakeClock();
    watchOnline(
      () => true,
      () => undefined,
      clock,
    );
    clock.advance(ONLINE_POLL_MS * 10);
    expect(clock.pendingTimers()).toBe(1);
  });
});
