import { stat } from 'node:fs/promises';
import type { Secret } from '../secret';
import { refreshAccessToken } from './oidc-tokens';
import { readSsoSessions, type SsoSessionConfig } from './sso-config';
import { SsoError, SsoSignInNeeded } from './sso-errors';
import { lookupSsoToken, ssoTokenCachePath, writeSsoToken } from './token-cache';
import type { SsoTokenRecord } from './token-record';
import { LAST_USE_MS, TOKEN_REFRESH_WINDOW_MS, tokenUsableUntil } from './token-usable-until';

export { TOKEN_REFRESH_WINDOW_MS } from './token-usable-until';

/** An access token ready for the portal, with where to use it. */
export interface SsoAccessToken {
  readonly session: string;
  readonly region: string;
  readonly startUrl: string;
  readonly accessToken: Secret;
  readonly expiresAt: number;
  /** Until when the session's tokens can be had without a sign-in (tokenUsableUntil): a time, no secret. */
  readonly usableUntil: number;
}

export interface SsoTokenKeeperDeps {
  /** ~/.aws/config (AWS_CONFIG_FILE): where `[sso-session NAME]` sections are. */
  readonly configPath: string;
  /** The home whose ~/.aws/sso/cache holds the tokens (default os.homedir()). */
  readonly homeDir?: string;
  readonly now: () => number;
  /** PEM authorities for the OIDC service (AWS_CA_BUNDLE). */
  readonly ca?: () => Promise<string | undefined>;
}

/**
 * The engine's access tokens: read from the cache the AWS CLI and SDKs share
 * (so a sign-in done by `aws sso login` is used as is), refreshed with the
 * refresh token when close to expiry, and written back there (so the AWS CLI
 * uses the refreshed one too). A token that cannot be had is SsoSignInNeeded:
 * the caller's roles wait for one sign-in. Concurrent callers for one session
 * share one read and at most one refresh.
 */
export class SsoTokenKeeper {
  readonly #deps: SsoTokenKeeperDeps;
  readonly #inFlight = new Map<string, Promise<SsoAccessToken>>();
  readonly #seen = new Set<(token: SsoAccessToken) => void>();

  constructor(deps: SsoTokenKeeperDeps) {
    this.#deps = deps;
  }

  /** Called with every token handed out (no secret is needed by listeners: they read its times). */
  onToken(listener: (token: SsoAccessToken) => void): () => void {
    this.#seen.add(listener);
    return () => this.#seen.delete(listener);
  }

  /** A token valid for a while yet; `force` refreshes even a fresh one (the portal refused it). */
  token(session: string, signal?: AbortSignal, force = false): Promise<SsoAccessToken> {
    const key = `${force ? 'force' : 'fresh'}:${session}`;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#fetch(session, signal, force)
        .then((token) => {
          for (const listener of this.#seen) listener(token);
          return token;
        })
        .finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  /** The `[sso-session NAME]` of the config file, or a one-line error saying how to add it. */
  async session(name: string): Promise<SsoSessionConfig> {
    const sessions = await readSsoSessions(this.#deps.configPath);
    const found = sessions.find((s) => s.name === name);
    if (!found) {
      throw new SsoError(
        'invalid-request',
        'UnknownSsoSession',
        `no [sso-session ${name}] in ${this.#deps.configPath}; add it with "switchyard sso login <start-url> --region <region> --session-name ${name}"`,
      );
    }
    return found;
  }

  /**
   * What identifies the session's cached token files now (inode, size, mtime of
   * the session-name file and the legacy start-URL file), so a sign-in made by
   * another tool is noticed without reading any secret. Undefined: no file.
   */
  async tokenStamp(name: string): Promise<string | undefined> {
    const keys = [name];
    const session = await this.session(name).catch(() => undefined);
    if (session) keys.push(session.startUrl);
    const parts: string[] = [];
    for (const key of keys) {
      const info = await stat(ssoTokenCachePath(key, this.#deps.homeDir), { bigint: true }).catch(
        () => undefined,
      );
      if (info) parts.push(`${key === name ? 'n' : 'l'}:${info.ino}:${info.size}:${info.mtimeNs}`);
    }
    return parts.length > 0 ? parts.join('|') : undefined;
  }

  async #fetch(name: string, signal: AbortSignal | undefined, force: boolean) {
    const session = await this.session(name);
    const found = await lookupSsoToken(
      { name: session.name, startUrl: session.startUrl, region: session.region },
      this.#deps.homeDir,
    );
    if (found.status !== 'found') throw new SsoSignInNeeded(name, found.reason);
    const record = found.record;
    const now = this.#deps.now();
    if (!force && record.expiresAt - now > TOKEN_REFRESH_WINDOW_MS) return tokenOf(session, record);
    try {
      return await this.#refresh(session, record, force, signal);
    } catch (error) {
      // A refresh that could not reach the service: the old token serves while it lasts.
      const usable = !force && record.expiresAt - now > LAST_USE_MS;
      if (usable && error instanceof SsoError && error.kind === 'retryable') {
        return tokenOf(session, record);
      }
      throw error;
    }
  }

  async #refresh(
    session: SsoSessionConfig,
    record: SsoTokenRecord,
    force: boolean,
    signal?: AbortSignal,
  ) {
    const { refreshToken, clientId, clientSecret, registrationExpiresAt } = record;
    if (!refreshToken || !clientId || !clientSecret || registrationExpiresAt === undefined) {
      if (!force && record.expiresAt - this.#deps.now() > LAST_USE_MS) {
        return tokenOf(session, record);
      }
      throw new SsoSignInNeeded(
        session.name,
        force
          ? 'the portal refused the access token and there is no refresh token'
          : 'the access token expired and there is no refresh token',
      );
    }
    const ca = await this.#deps.ca?.();
    const tokens = await refreshAccessToken({
      region: session.region,
      registration: { clientId, clientSecret, expiresAt: registrationExpiresAt },
      refreshToken,
      session: session.name,
      now: this.#deps.now,
      ...(signal ? { signal } : {}),
      ...(ca ? { ca } : {}),
    });
    const next: SsoTokenRecord = {
      ...record,
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      refreshToken: tokens.refreshToken ?? refreshToken,
    };
    await writeSsoToken(session.name, next, this.#deps.homeDir);
    return tokenOf(session, next);
  }
}

function tokenOf(session: SsoSessionConfig, record: SsoTokenRecord): SsoAccessToken {
  return {
    session: session.name,
    region: session.region,
    startUrl: session.startUrl,
    accessToken: record.accessToken,
    expiresAt: record.expiresAt,
    usableUntil: tokenUsableUntil(record),
  };
}
