import type { Clock, TimerHandle } from '../refresh/clock';
import { TOKEN_REFRESH_WINDOW_MS } from './sso-token-keeper';

/** Renew this far inside the keeper's window, so the keeper sees the token as due. */
const INSIDE_WINDOW_MS = 60_000;

export interface TokenRenewalDeps {
  readonly clock: Clock;
  /** Renews the session's token if due (the keeper's token()); resolves to its new expiry. */
  readonly renew: (session: string) => Promise<number>;
  /** Whether any role of the session is active (no roles, no reason to keep a token fresh). */
  readonly inUse: (session: string) => boolean;
}

/**
 * Keeps the access token of every Identity Center session in use fresh on the
 * refresher's own timer, not only when a role's session is renewed: roles of
 * 12 hours would otherwise leave the 1-hour token to expire in the shared
 * cache, where the AWS CLI reads it too. One timer per session, set from each
 * token the engine sees; a renewal that fails is left to the roles' own rounds
 * (which back off, or ask for a sign-in).
 */
export class TokenRenewal {
  readonly #deps: TokenRenewalDeps;
  readonly #timers = new Map<string, { at: number; handle: TimerHandle }>();
  #stopped = false;

  constructor(deps: TokenRenewalDeps) {
    this.#deps = deps;
  }

  /** The engine holds a token for `session` that expires at `expiresAt`. */
  saw(session: string, expiresAt: number): void {
    if (this.#stopped) return;
    const at = expiresAt - TOKEN_REFRESH_WINDOW_MS + INSIDE_WINDOW_MS;
    const current = this.#timers.get(session);
    if (current?.at === at) return;
    if (current) this.#deps.clock.clearTimeout(current.handle);
    const handle = this.#deps.clock.setTimeout(
      () => void this.#due(session),
      Math.max(0, at - this.#deps.clock.now()),
    );
    this.#timers.set(session, { at, handle });
  }

  stop(): void {
    this.#stopped = true;
    for (const { handle } of this.#timers.values()) this.#deps.clock.clearTimeout(handle);
    this.#timers.clear();
  }

  async #due(session: string): Promise<void> {
    this.#timers.delete(session);
    if (this.#stopped || !this.#deps.inUse(session)) return;
    try {
      this.saw(session, await this.#deps.renew(session));
    } catch {
      // The roles' next round meets the same failure and handles it (backoff, or needs sign-in).
    }
  }
}
