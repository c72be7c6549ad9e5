/**
 * How many portal calls may be in flight, adapting as TCP does: halve on a
 * throttle (at most once per round of calls, so one burst of 429s is one
 * signal), grow by one after a full round of successes, never above the
 * ceiling the caller set nor below one. A portal that allows fewer calls than
 * we asked for is met where it is instead of being hammered with retries.
 *
 * Waiters are served in order; `priority` ones (the next page of accounts,
 * which feeds everything else) go first.
 */
export class AdaptiveLimiter {
  readonly #max: number;
  #limit: number;
  #inFlight = 0;
  #successes = 0;
  /** Completions since the last cut: a cut waits for a round of them. */
  #sinceCut: number;
  #peak = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${max}`);
    }
    this.#max = max;
    this.#limit = max;
    this.#sinceCut = max;
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
  acquire(signal?: AbortSignal, priority = false): Promise<void> {
    signal?.throwIfAborted();
    if (this.#inFlight < this.#limit && this.#waiters.length === 0) {
      this.#take();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#take();
        resolve();
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

  /** Gives the slot back, saying whether the portal throttled the call. */
  release(throttled: boolean): void {
    this.#inFlight -= 1;
    this.#sinceCut += 1;
    if (throttled) {
      this.#successes = 0;
      if (this.#sinceCut >= this.#limit) {
        this.#limit = Math.max(1, Math.floor(this.#limit / 2));
        this.#sinceCut = 0;
      }
    } else if (++this.#successes >= this.#limit && this.#limit < this.#max) {
      this.#limit += 1;
      this.#successes = 0;
    }
    this.#wake();
  }

  #take(): void {
    this.#inFlight += 1;
    this.#peak = Math.max(this.#peak, this.#inFlight);
  }

  #wake(): void {
    while (this.#inFlight < this.#limit && this.#waiters.length > 0) {
      (this.#waiters.shift() as () => void)();
    }
  }
}
