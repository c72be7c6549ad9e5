import { describe, expect, it } from 'vitest';
import { createSharedClock } from '../../../renderer/src/clock/shared-clock';
import { fakeClockDeps } from './fake-clock-deps';

describe('createSharedClock', () => {
  it('runs one timer for any number of subscribers, on whole seconds', () => {
    const fake = fakeClockDeps(10_250);
    const clock = createSharedClock(fake.deps);
    const seen: number[] = [];
    const offs = [1, 2, 3].map(() => clock.subscribe(() => seen.push(clock.now())));
    expect(fake.pending()).toBe(1);
    expect(fake.nextDelay()).toBe(755); // to 11.000 s, plus a few ms
    fake.advance(755);
    expect(seen).toEqual([11_005, 11_005, 11_005]);
    expect(fake.pending()).toBe(1);
    expect(fake.nextDelay()).toBe(1000);
    offs.forEach((off) => off());
    expect(fake.pending()).toBe(0); // nobody listening: no timer at all
  });

  it('keeps now() fixed between ticks, so one render agrees on the time', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    clock.subscribe(() => undefined);
    fake.advance(400);
    expect(clock.now()).toBe(0);
    fake.advance(700);
    expect(clock.now()).toBe(1005);
  });

  it('sleeps while paused (hidden popup) and catches up at once on resume', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    let ticks = 0;
    clock.subscribe(() => ticks++);
    clock.setPaused(true);
    expect(fake.pending()).toBe(0);
    fake.advance(60_000);
    expect(ticks).toBe(0);
    clock.setPaused(false);
    expect(ticks).toBe(1);
    expect(clock.now()).toBe(60_000);
    expect(fake.pending()).toBe(1);
  });

  it('a first subscriber after a long idle sees the current time', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    fake.advance(3_600_000);
    clock.subscribe(() => undefined);
    expect(clock.now()).toBe(3_600_000);
    expect(clock.listenerCount()).toBe(1);
  });
});
