/**
 * Per Identity Center session (its `[sso-session]` name), until when its
 * token can be had without a sign-in, as the engine last saw it: set from
 * every token the keeper hands out (read from the cache, refreshed, or new
 * after a sign-in), so the views read it from memory, never from a file.
 * Times only: no token passes through here.
 */
export class SignInEnds {
  readonly #ends = new Map<string, number>();
  readonly #listeners = new Set<() => void>();

  /** The keeper handed out a token of `session` usable until `until`. */
  saw(session: string, until: number): void {
    if (this.#ends.get(session) === until) return;
    this.#ends.set(session, until);
    for (const listener of this.#listeners) listener();
  }

  /** Undefined: no token of that session seen yet. */
  get(session: string): number | undefined {
    return this.#ends.get(session);
  }

  /** Called when a session's time changes (the refresher publishes a new snapshot). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
