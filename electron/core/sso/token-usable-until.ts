import type { SsoTokenRecord } from './token-record';

/**
 * Refresh an access token this long before it expires, as botocore's token
 * provider does (15 minutes): a role refreshed just before the token runs out
 * must not be handed one that dies mid-call.
 */
export const TOKEN_REFRESH_WINDOW_MS = 15 * 60_000;
/** A token this close to its end is not worth handing out even when it cannot be refreshed. */
export const LAST_USE_MS = 60_000;

/** The cache holds what a refresh needs: a refresh token and a client registration with its end. */
export function canRefresh(record: SsoTokenRecord): boolean {
  return (
    record.refreshToken !== undefined &&
    record.clientId !== undefined &&
    record.clientSecret !== undefined &&
    record.registrationExpiresAt !== undefined
  );
}

/**
 * Until when (epoch ms) the keeper can hand out a token for this session
 * without a person signing in again, as far as the cache says (a time, no
 * secret): a token that cannot be refreshed serves until a minute before it
 * expires; one that can is refreshed until its client registration ends, and
 * the token in hand serves until its refresh window whatever the registration.
 * Identity Center may end the sign-in session sooner (its session duration is
 * not in the cache): the refresh is then refused and the roles wait for a sign-in.
 */
export function tokenUsableUntil(record: SsoTokenRecord): number {
  if (!canRefresh(record)) return record.expiresAt - LAST_USE_MS;
  return Math.max(record.registrationExpiresAt ?? 0, record.expiresAt - TOKEN_REFRESH_WINDOW_MS);
}
