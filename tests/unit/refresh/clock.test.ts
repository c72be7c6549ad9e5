import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, systemClock } from '../../../electron/core/refresh/clock';

afterEach(() => vi.restoreAllMocks());

describe('systemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('runs and clears real timers', async () => {
    const clock = systemClock();
    const fired: string[] = [];
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 1);
    clock.clearTimeout(cancelled);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
    expect(fired).toEqual([]);
  });

  it('unrefs timers when asked, so they never keep the process alive', () => {
    const handle = systemClock({ unref: true }).setTimeout(() => {}, 60_000);
    const timer = handle as unknown as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    clearTimeout(timer);
    const refd = systemClock().setTimeout(() => {}, 60_000) as unknown as NodeJS.Timeout;
    expect(refd.hasRef()).toBe(true);
    clearTimeout(refd);
  });

  it('clamps delays Node would overflow to 1 ms, and negative ones to 0', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const clock = systemClock();
    clock.clearTimeout(clock.setTimeout(() => {}, 40 * 24 * 3_600_000));
    clock.clearTimeout(clock.setTimeout(() => {}, -5));
    expect(spy.mock.calls.map((call) => call[1])).toEqual([MAX_TIMER_DELAY_MS, 0]);
  });
});
