/**
 * How many portal calls may be in flight, adapting as TCP does: halve on a
 * throttle (once per wave: 429s of calls sent before the last cut do not
 * cut again), grow by one after a few rounds of successes (slowly: each
 * probe above what the portal allows costs a 429 and a pause), never above the
 * ceiling the caller set nor below one. A portal that allows fewer calls than
 * we asked for is met where it is instead of being hammered with retries.
 *
 * Waiters are served in order; `priority` ones (the next page of accounts,
 * which feeds everything else) go first.
 */

/** Rounds of successes (of `limit` calls each) before the limit grows by one. */
const GROWTH_ROUNDS = 4;

/** One granted slot; released once, saying whether the portal throttled the call. */
export interface LimiterSlot {
  release(throttled: boolean): void;
}

export class AdaptiveLimiter {
  readonly #max: number;
  #limit: number;
  #inFlight = 0;
  #successes = 0;
  /** Bumped by every cut: a throttle of a call started before the last cut is old news. */
  #epoch = 0;
  #peak = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${max}`);
    }
    this.#max = max;
    this.#limit = max;
  }

  /** The current limit. */
  get limit(): number {
    return this.#limit;
  }

  /** The most calls ever in flight at once. */
  get peak(): number {
    return this.#peak;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Waits for a slot; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal, priority = false): Promise<LimiterSlot> {
    signal?.throwIfAborted();
    if (this.#inFlight < this.#limit && this.#waiters.length === 0) {
      return Promise.resolve(this.#take());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.#take());
      };
      const onAbort = () => {
        const at = this.#waiters.indexOf(grant);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (priority) this.#waiters.unshift(grant);
      else this.#waiters.push(grant);
    });
  }

  #take(): LimiterSlot {
    this.#inFlight += 1;
    this.#peak = Math.max(this.#peak, this.#inFlight);
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (throttled) => {
        if (released) return;
        released = true;
        this.#release(throttled, epoch);
      },
    };
  }

  #release(throttled: boolean, epoch: number): void {
    this.#inFlight -= 1;
    if (throttled) {
      this.#successes = 0;
      // The calls in flight when the limit was cut were sent at the old limit:
      // their 429s say nothing about the new one.
      if (epoch === this.#epoch) {
        this.#limit = Math.max(1, Math.floor(this.#limit / 2));
        this.#epoch += 1;
      }
    } else if (++this.#successes >= GROWTH_ROUNDS * this.#limit && this.#limit < this.#max) {
      this.#limit += 1;
      this.#successes = 0;
    }
    this.#wake();
  }

  #wake(): void {
    while (this.#inFlight < this.#limit && this.#waiters.length > 0) {
      (this.#waiters.shift() as () => void)();
    }
  }
}
