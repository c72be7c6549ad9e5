import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';

describe('FakeClock', () => {
  it('starts at the given wall time and advances it', () => {
    const clock = new FakeClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
  });

  it('fires due timers in due order, with now() at each due time', () => {
    const clock = new FakeClock(0);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['c', clock.now()]), 300);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.advance(250);
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
    ]);
    expect(clock.now()).toBe(250);
    clock.advance(50);
    expect(fired.at(-1)).toEqual(['c', 300]);
  });

  it('fires ties in creation order', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    for (let i = 0; i < 5; i++) clock.setTimeout(() => fired.push(i), 10);
    clock.advance(10);
    expect(fired).toEqual([0, 1, 2, 3, 4]);
  });

  it('fires timers scheduled by a callback when they fall inside the window', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 100);
    }, 100);
    clock.advance(150);
    expect(fired).toEqual([100]);
    clock.advance(50);
    expect(fired).toEqual([100, 200]);
  });

  it('clearTimeout cancels a pending timer', () => {
    const clock = new FakeClock(0);
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    expect(clock.pendingTimers()).toBe(1);
    clock.clearTimeout(handle);
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('jump moves wall time without firing or moving timers (sleep/resume, clock change)', () => {
    const clock = new FakeClock(0);
    let firedAt: number | undefined;
    clock.setTimeout(() => (firedAt = clock.now()), 1_000);
    clock.jump(3_600_000);
    expect(clock.now()).toBe(3_600_000);
    expect(firedAt).toBeUndefined();
    expect(clock.nextTimerAt()).toBe(3_601_000);
    clock.advance(1_000);
    expect(firedAt).toBe(3_601_000);
    clock.jump(-5_000);
    expect(clock.now()).toBe(3_596_000);
  });

  it('advanceAsync lets promise chains started by a timer settle before the next one', async () => {
    const clock = new FakeClock(0);
    const log: string[] = [];
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => log.push('first settled'));
    }, 10);
    clock.setTimeout(() => log.push('second fired'), 20);
    await clock.advanceAsync(30);
    expect(log).toEqual(['first settled', 'second fired']);
  });
});
