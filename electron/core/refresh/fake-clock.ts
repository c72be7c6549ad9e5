import type { Clock, TimerHandle } from './clock';

interface FakeTimer {
  readonly id: number;
  /** On the monotonic axis, like Node's timers (libuv uses a monotonic clock). */
  readonly dueMono: number;
  readonly fn: () => void;
}

/**
 * A Clock for tests. It keeps two axes, as a real machine does: wall time
 * (`now()`) and the monotonic time timers run on. `advance` moves both and fires
 * due timers in order; `jump` moves only wall time, which is what a clock change
 * or a sleep/resume looks like to a process: pending timers keep their remaining
 * delay and fire "late" relative to the wall clock unless the caller re-plans.
 */
export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.wall = startMs;
  }

  now(): number {
    return this.wall;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const delay = Math.max(0, Number.isFinite(ms) ? ms : 0);
    const timer: FakeTimer = { id: this.nextId++, dueMono: this.mono + delay, fn };
    this.timers.push(timer);
    return timer.id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = handle as unknown as number;
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** Number of timers not yet fired or cleared. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Wall time at which the earliest pending timer fires, if any. */
  nextTimerAt(): number | undefined {
    const next = this.earliest();
    return next === undefined ? undefined : this.wall + (next.dueMono - this.mono);
  }

  /**
   * Let `ms` pass: fires every timer that comes due, in due order (ties in
   * creation order), with `now()` set to each timer's due time while it runs.
   * Timers scheduled by a callback fire too if they fall within the window.
   */
  advance(ms: number): void {
    const target = this.mono + Math.max(0, ms);
    for (let t = this.takeDue(target); t; t = this.takeDue(target)) {
      this.moveTo(t.dueMono);
      t.fn();
    }
    this.moveTo(target);
  }

  /**
   * Like `advance`, but yields to the event loop after each timer so promise
   * chains started by a callback (an STS call, a file write) settle before the
   * next timer fires.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.mono + Math.max(0, ms);
    await settle();
    for (let t = this.takeDue(target); t; t = this.takeDue(target)) {
      this.moveTo(t.dueMono);
      t.fn();
      await settle();
    }
    this.moveTo(target);
  }

  /** Move wall time only (may be negative): timers are neither fired nor moved. */
  jump(ms: number): void {
    this.wall += ms;
  }

  private moveTo(mono: number): void {
    this.wall += mono - this.mono;
    this.mono = mono;
  }

  private earliest(): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.dueMono < best.dueMono) best = t;
    }
    return best;
  }

  private takeDue(targetMono: number): FakeTimer | undefined {
    const next = this.earliest();
    if (!next || next.dueMono > targetMono) return undefined;
    this.timers = this.timers.filter((t) => t !== next);
    return next;
  }
}

/** One macrotask turn: enough for chains of already-resolved promises. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
