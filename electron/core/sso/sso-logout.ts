import { portalLogout } from './portal-credentials';
import type { SsoSessionConfig } from './sso-config';
import { SsoError } from './sso-errors';
import { deleteSsoToken, lookupSsoToken } from './token-cache';

export interface SignOutResult {
  /** The portal ended the token's session (Logout answered). */
  readonly revoked: boolean;
  /** A cached token file was removed. */
  readonly deleted: boolean;
  /** Why the portal did not revoke it, in one line (the cache is deleted anyway). */
  readonly note?: string;
}

/**
 * Signs out of one session: the portal's Logout ends the token where AWS
 * allows it, then the cached token is deleted (the session-name file and the
 * legacy start-URL file), so neither Switchyard nor the AWS CLI uses it again.
 * A portal that cannot be reached does not keep the token on disk.
 */
export async function signOutOfSession(
  session: SsoSessionConfig,
  options: { readonly homeDir: string; readonly ca?: string; readonly signal?: AbortSignal },
): Promise<SignOutResult> {
  const key = { name: session.name, startUrl: session.startUrl, region: session.region };
  const found = await lookupSsoToken(key, options.homeDir);
  let revoked = false;
  let note: string | undefined;
  if (found.status === 'found' && found.record.expiresAt > Date.now()) {
    try {
      await portalLogout({
        region: session.region,
        accessToken: found.record.accessToken,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      revoked = true;
    } catch (error) {
      // Unreachable or throttled: the token still goes from the disk.
      if (!(error instanceof SsoError)) throw error;
      note = `the portal did not take the Logout (${error.code})`;
    }
  } else {
    note = found.status === 'found' ? 'the token had expired' : found.reason;
  }
  const deleted = await deleteSsoToken(key, options.homeDir);
  return { revoked, deleted, ...(note ? { note } : {}) };
}
