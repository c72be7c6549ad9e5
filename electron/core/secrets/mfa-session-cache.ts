import { inputError } from '../../../shared/check-text';
import { Secret, type SessionCredentials } from '../secret';
import { checkAccount, type SecretStore } from './secret-store';

/** A cached session is handed out only while it has more than this left, by default. */
export const DEFAULT_MFA_MARGIN_MS = 5 * 60_000;

interface StoredSession {
  readonly v: 1;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
}

export interface MfaSessionCacheOptions {
  /** Minimum time left for a cached session to be used. Default 5 minutes. */
  readonly marginMs?: number;
}

/** The keychain account of a source identity's MFA session: `mfa/<sourceKey>`. */
export function mfaSessionAccount(sourceKey: string): string {
  return checkAccount(`mfa/${sourceKey}`, 'MFA source key');
}

/**
 * One GetSessionToken session per source identity (e.g. a profile or a
 * keychain key source), kept in the OS keychain so every role assumed from
 * that identity, in any Switchyard process, shares one MFA prompt until it
 * expires. It is a cache: an unreadable or expired item is deleted, not an error.
 */
export class MfaSessionCache {
  readonly #marginMs: number;

  constructor(
    private readonly store: SecretStore,
    options: MfaSessionCacheOptions = {},
  ) {
    this.#marginMs = options.marginMs ?? DEFAULT_MFA_MARGIN_MS;
  }

  /** The cached session for `sourceKey` if it has more than the margin left at `now` (epoch ms). */
  async get(sourceKey: string, now: number): Promise<SessionCredentials | undefined> {
    const account = mfaSessionAccount(sourceKey);
    const item = await this.store.get(account);
    if (item === undefined) return undefined;
    const stored = parseStored(item);
    if (!stored || stored.expiresAt <= now) {
      await this.store.delete(account);
      return undefined;
    }
    if (stored.expiresAt - now <= this.#marginMs) return undefined;
    return {
      accessKeyId: new Secret(stored.accessKeyId),
      secretAccessKey: new Secret(stored.secretAccessKey),
      sessionToken: new Secret(stored.sessionToken),
      expiresAt: stored.expiresAt,
    };
  }

  async set(sourceKey: string, session: SessionCredentials): Promise<void> {
    const account = mfaSessionAccount(sourceKey);
    if (!Number.isFinite(session.expiresAt)) {
      throw inputError(
        'expiresAt',
        'is not a time',
        "pass the session's Expiration as epoch milliseconds",
      );
    }
    const stored: StoredSession = {
      v: 1,
      accessKeyId: session.accessKeyId.reveal(),
      secretAccessKey: session.secretAccessKey.reveal(),
      sessionToken: session.sessionToken.reveal(),
      expiresAt: session.expiresAt,
    };
    await this.store.set(account, new Secret(JSON.stringify(stored)));
  }

  /** Forgets the session (e.g. after AWS rejected it); true when there was one. */
  async clear(sourceKey: string): Promise<boolean> {
    return this.store.delete(mfaSessionAccount(sourceKey));
  }
}

function parseStored(item: Secret): StoredSession | undefined {
  try {
    const value = JSON.parse(item.reveal()) as Partial<StoredSession> | null;
    const texts = [value?.accessKeyId, value?.secretAccessKey, value?.sessionToken];
    if (value?.v !== 1 || !texts.every((text) => typeof text === 'string' && text !== ''))
      return undefined;
    if (typeof value.expiresAt !== 'number' || !Number.isFinite(value.expiresAt)) return undefined;
    return value as StoredSession;
  } catch {
    return undefined;
  }
}
