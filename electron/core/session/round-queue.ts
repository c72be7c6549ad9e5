/**
 * Serializes the engine's work (rounds and writes), so the credentials file has
 * one writer from this process at a time, and lets activations asked for
 * together (a burst of clicks, `activate a b c`, the MFA code arriving) join
 * the next round that has not started yet.
 */
export class RoundQueue {
  #queue: Promise<unknown> = Promise.resolve();
  #pending: { ids: Set<string>; done: Promise<void> } | undefined;

  constructor(private readonly round: (roleIds: readonly string[]) => Promise<void>) {}

  /** Joins the next round that has not started yet; resolves when it has run. */
  roundFor(roleIds: readonly string[]): Promise<void> {
    if (!this.#pending) {
      const ids = new Set<string>();
      this.#pending = {
        ids,
        done: this.enqueue(async () => {
          this.#pending = undefined;
          await this.round([...ids]);
        }),
      };
    }
    for (const id of roleIds) this.#pending.ids.add(id);
    return this.#pending.done;
  }

  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued round and write has finished, including ones queued meanwhile. */
  async idle(): Promise<void> {
    for (;;) {
      const current = this.#queue;
      await current.catch(() => undefined);
      if (current === this.#queue) return;
    }
  }

  /** Resolves when the work queued so far has finished. */
  async settled(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }
}
