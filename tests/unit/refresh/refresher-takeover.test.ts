import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import type {
  RefresherHolder,
  RefresherLockResult,
} from '../../../electron/core/refresh/refresher-lock';
import { retryRefresherLock } from '../../../electron/core/refresh/refresher-takeover';

const other: RefresherHolder = { pid: 4242, hostname: 'h', kind: 'daemon', startedAt: 0 };
const passive: RefresherLockResult = { acquired: false, holder: other };
const won: RefresherLockResult = {
  acquired: true,
  holder: { ...other, pid: 1, kind: 'app' },
  isHeld: () => true,
  release: () => {},
};

describe('retryRefresherLock', () => {
  it('tries every interval until it gets the lock, then stops', () => {
    const clock = new FakeClock(0);
    const answers = [passive, passive, won];
    let attempts = 0;
    const acquiredAt: number[] = [];
    const holders: number[] = [];
    retryRefresherLock({
      clock,
      tryAcquire: () => answers[attempts++] ?? passive,
      onAcquired: () => acquiredAt.push(clock.now()),
      onPassive: (r) => holders.push(r.holder?.pid ?? -1),
    });
    clock.advance(29_999);
    expect(attempts).toBe(0);
    clock.advance(1);
    expect(attempts).toBe(1);
    clock.advance(60_000);
    expect(acquiredAt).toEqual([90_000]);
    expect(holders).toEqual([4242, 4242]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stop() cancels the pending attempt', () => {
    const clock = new FakeClock(0);
    let attempts = 0;
    const stop = retryRefresherLock({
      clock,
      intervalMs: 1_000,
      tryAcquire: () => (attempts++, passive),
      onAcquired: () => {},
    });
    clock.advance(2_500);
    stop();
    clock.advance(10_000);
    expect(attempts).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps trying after an error', () => {
    const clock = new FakeClock(0);
    const errors: unknown[] = [];
    let attempts = 0;
    let got = false;
    retryRefresherLock({
      clock,
      intervalMs: 1_000,
      tryAcquire: () => {
        if (attempts++ === 0) throw new Error('EACCES');
        return won;
      },
      onAcquired: () => (got = true),
      onError: (e) => errors.push(e),
    });
    clock.advance(2_000);
    expect(errors).toHaveLength(1);
    expect(got).toBe(true);
  });
});
