// @vitest-environment happy-dom
import { act, createElement, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countdownView } from '../../../renderer/src/clock/countdown-view';
import { createSharedClock, type SharedClock } from '../../../renderer/src/clock/shared-clock';
import { useCountdown } from '../../../renderer/src/clock/use-countdown';
import { fakeClockDeps } from './fake-clock-deps';

const MINUTE = 60_000;
const MARGIN = 10 * MINUTE;

describe('countdownView', () => {
  it('is ok, then amber inside the refresh margin, then expired', () => {
    expect(countdownView(42 * MINUTE, 0, MARGIN)).toEqual({ label: '42m', tone: 'ok' });
    expect(countdownView(10 * MINUTE + 1, 0, MARGIN).tone).toBe('ok');
    expect(countdownView(10 * MINUTE, 0, MARGIN)).toEqual({ label: '10m', tone: 'warning' });
    expect(countdownView(190_000, 0, MARGIN)).toEqual({ label: '3m 10s', tone: 'warning' });
    expect(countdownView(1000, 1000, MARGIN)).toEqual({ label: 'expired', tone: 'expired' });
  });
});

describe('useCountdown', () => {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });
  let unmount: (() => void) | undefined;
  afterEach(() => unmount?.());

  function mount(clock: SharedClock, expiries: number[]) {
    const renders = expiries.map(() => 0);
    function Cell({ index, expiresAt }: { index: number; expiresAt: number }) {
      const { label, tone } = useCountdown(clock, expiresAt, MARGIN);
      useLayoutEffect(() => {
        renders[index]! += 1;
      });
      return createElement('span', { className: tone }, label);
    }
    let listRenders = 0;
    function List() {
      useLayoutEffect(() => {
        listRenders += 1;
      });
      return createElement(
        'div',
        null,
        expiries.map((expiresAt, index) => createElement(Cell, { key: index, index, expiresAt })),
      );
    }
    const container = document.createElement('div');
    const root = createRoot(container);
    act(() => root.render(createElement(List)));
    unmount = () => act(() => root.unmount());
    return { container, renders, listRenders: () => listRenders };
  }

  it('re-renders only the cells whose text changed, never the list', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    // One countdown shows seconds (changes every tick), one shows minutes (changes once a minute).
    const { container, renders, listRenders } = mount(clock, [5 * MINUTE, 45 * MINUTE]);
    const text = () => [...container.querySelectorAll('span')].map((s) => s.textContent);
    expect(text()).toEqual(['5m 00s', '45m']);
    expect(clock.listenerCount()).toBe(2);

    act(() => fake.advance(1005));
    expect(text()).toEqual(['4m 58s', '44m']);
    act(() => fake.advance(1000));
    act(() => fake.advance(1000));
    expect(text()).toEqual(['4m 56s', '44m']);
    // The seconds cell rendered on each tick; the minutes cell only when 45m became 44m.
    expect(renders).toEqual([4, 2]);
    expect(listRenders()).toBe(1);
  });

  it('turns amber and then expired from the clock alone', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    const { container } = mount(clock, [MARGIN + 2000]);
    const span = () => container.querySelector('span')!;
    expect(span().className).toBe('ok');
    act(() => fake.advance(3000));
    expect(span().className).toBe('warning');
    act(() => fake.advance(MARGIN));
    expect(span()).toMatchObject({ className: 'expired', textContent: 'expired' });
  });

  it('unsubscribes on unmount, stopping the timer', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    mount(clock, [MINUTE]);
    expect(fake.pending()).toBe(1);
    unmount?.();
    unmount = undefined;
    expect(clock.listenerCount()).toBe(0);
    expect(fake.pending()).toBe(0);
  });
});
