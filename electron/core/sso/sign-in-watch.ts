import type { Clock, TimerHandle } from '../refresh/clock';

/** How often a waiting session's token file is looked at: a stat, no network. */
export const SIGN_IN_POLL_MS = 5_000;

export interface SignInWatchDeps {
  readonly clock: Clock;
  /** What identifies the session's cached token now (its files' stamps), or undefined if none. */
  readonly stampOf: (session: string) => Promise<string | undefined>;
  /** The token changed since the roles started waiting: someone signed in. */
  readonly onSignedIn: (session: string) => void;
  readonly intervalMs?: number;
}

/**
 * Notices a sign-in done elsewhere (`aws sso login`, `switchyard sso login` in
 * another process, the SDK refreshing the token) for sessions whose roles wait:
 * while any session waits, its token files are looked at every few seconds,
 * and a change resumes its roles. Nothing runs while nobody waits.
 */
export class SignInWatch {
  readonly #deps: SignInWatchDeps;
  /** Session -> the stamp its token had when its roles started waiting. */
  readonly #watched = new Map<string, string | undefined>();
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(deps: SignInWatchDeps) {
    this.#deps = deps;
  }

  /** The sessions waiting now (from each snapshot); the others are no longer watched. */
  follow(waiting: readonly string[]): void {
    if (this.#stopped) return;
    const now = new Set(waiting);
    for (const session of [...this.#watched.keys()])
      if (!now.has(session)) this.#watched.delete(session);
    for (const session of now) {
      if (this.#watched.has(session)) continue;
      this.#watched.set(session, undefined);
      // The stamp at the time of waiting; until read, any token counts as new only if it differs.
      void this.#deps.stampOf(session).then(
        (stamp) => {
          if (this.#watched.has(session)) this.#watched.set(session, stamp ?? '');
        },
        () => this.#watched.set(session, ''),
      );
    }
    this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    this.#watched.clear();
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    if (this.#timer || this.#watched.size === 0 || this.#stopped) return;
    this.#timer = this.#deps.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#look().finally(() => this.#arm());
    }, this.#deps.intervalMs ?? SIGN_IN_POLL_MS);
  }

  async #look(): Promise<void> {
    for (const [session, before] of [...this.#watched]) {
      if (before === undefined) continue; // its first stamp is still being read
      const stamp = await this.#deps.stampOf(session).catch(() => undefined);
      if (stamp === undefined || stamp === before || !this.#watched.has(session)) continue;
      this.#watched.delete(session);
      this.#deps.onSignedIn(session);
    }
  }
}
