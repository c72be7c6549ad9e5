import { describe, expect, it } from 'vitest';
import { followVisibility } from '../../../renderer/src/clock/follow-visibility';
import { createSharedClock } from '../../../renderer/src/clock/shared-clock';
import { fakeClockDeps } from './fake-clock-deps';

/** A document whose visibility the test sets, firing visibilitychange like a browser. */
class FakeDocument extends EventTarget {
  hidden = false;
  setHidden(hidden: boolean) {
    this.hidden = hidden;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

/** The shell's 'popup:visibility' pushes, as the preload delivers them. */
function fakeShell() {
  const listeners = new Set<(visible: boolean) => void>();
  return {
    subscribe: (listener: (visible: boolean) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    say: (visible: boolean) => listeners.forEach((listener) => listener(visible)),
    listeners,
  };
}

function setUp() {
  const fake = fakeClockDeps(0);
  const clock = createSharedClock(fake.deps);
  let ticks = 0;
  clock.subscribe(() => ticks++);
  const doc = new FakeDocument();
  const shell = fakeShell();
  const stop = followVisibility(clock, doc, shell.subscribe);
  return { fake, clock, doc, shell, stop, ticks: () => ticks };
}

describe('followVisibility', () => {
  it('at launch: a page that believes it is seen sleeps once the shell says it is hidden', () => {
    const { fake, shell, ticks } = setUp();
    fake.advance(3_010); // ticks at 1.005, 2.005 and 3.005 s
    expect(ticks()).toBe(3); // Electron's hidden-at-launch window: document.hidden is false
    shell.say(false);
    expect(fake.pending()).toBe(0);
    fake.advance(60_000);
    expect(ticks()).toBe(3);
    shell.say(true); // the first click: catch up at once, then tick again
    expect(ticks()).toBe(4);
    expect(fake.pending()).toBe(1);
  });

  it('either source saying hidden is enough; both must say visible to tick', () => {
    const { fake, doc, shell, ticks } = setUp();
    doc.setHidden(true);
    expect(fake.pending()).toBe(0);
    shell.say(true); // the shell alone cannot wake a hidden document
    expect(fake.pending()).toBe(0);
    doc.setHidden(false);
    expect(fake.pending()).toBe(1);
    const before = ticks();
    shell.say(false);
    doc.setHidden(false);
    fake.advance(5_000);
    expect(ticks()).toBe(before);
  });

  it('without a shell (no bridge) follows the document alone', () => {
    const fake = fakeClockDeps(0);
    const clock = createSharedClock(fake.deps);
    clock.subscribe(() => undefined);
    const doc = new FakeDocument();
    doc.hidden = true;
    followVisibility(clock, doc);
    expect(fake.pending()).toBe(0);
    doc.setHidden(false);
    expect(fake.pending()).toBe(1);
  });

  it('stops following both when told to', () => {
    const { fake, doc, shell, stop } = setUp();
    stop();
    expect(shell.listeners.size).toBe(0);
    doc.setHidden(true);
    shell.say(false);
    expect(fake.pending()).toBe(1); // still ticking: nobody pauses it any more
  });
});
