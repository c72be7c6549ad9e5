/**
 * The state the fake Identity Center's two services share: the OIDC service
 * (oidc.<region>.amazonaws.com) issues access tokens, the portal
 * (portal.sso.<region>.amazonaws.com) accepts them in `x-amz-sso_bearer_token`.
 * Each service is its own HTTP server, as in AWS; this book is how a token the
 * one issued becomes valid at the other, and how a test revokes it mid-day.
 */
export interface IssuedToken {
  readonly accessToken: string;
  /** Epoch ms after which the portal answers 401 for it. */
  readonly expiresAt: number;
  /** The start URL it was issued for (the portal's user is per start URL). */
  readonly startUrl: string;
}

export class TokenBook {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(token: IssuedToken): void {
    this.#tokens.set(token.accessToken, token);
  }

  /** The token, if it was issued, is not revoked and has not expired. */
  valid(accessToken: string): IssuedToken | undefined {
    const token = this.#tokens.get(accessToken);
    return token && token.expiresAt > this.#now() ? token : undefined;
  }

  /** Revoke one token (portal logout, or a test's "revoked mid-day"); true if it existed. */
  revoke(accessToken: string): boolean {
    return this.#tokens.delete(accessToken);
  }

  /** Revoke every token (an administrator ending all sessions). */
  revokeAll(): void {
    this.#tokens.clear();
  }

  get size(): number {
    return this.#tokens.size;
  }
}
