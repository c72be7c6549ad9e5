import { readSsoSessions, type SsoSessionConfig } from './sso-config';
import { lookupSsoToken } from './token-cache';

/** One `[sso-session]` of the config file and what the token cache says about it. No secret. */
export interface SsoSessionStatus {
  readonly name: string;
  readonly startUrl: string;
  readonly region: string;
  /** A token that works now, or can be refreshed without a person. */
  readonly signedIn: boolean;
  /** When the cached access token expires (epoch ms). */
  readonly expiresAt?: number;
  /** The cache holds a refresh token and a client registration that has not expired. */
  readonly refreshable: boolean;
  /** Why it is not signed in, in one line (no token, an unreadable file, expired). */
  readonly reason?: string;
}

/** Every session of the config file with its sign-in state, in file order. */
export async function ssoSessionStatuses(
  configPath: string,
  homeDir: string,
  now: number,
): Promise<SsoSessionStatus[]> {
  const sessions = await readSsoSessions(configPath);
  return Promise.all(sessions.map((session) => statusOf(session, homeDir, now)));
}

export async function statusOf(
  session: SsoSessionConfig,
  homeDir: string,
  now: number,
): Promise<SsoSessionStatus> {
  const base = { name: session.name, startUrl: session.startUrl, region: session.region };
  const found = await lookupSsoToken(
    { name: session.name, startUrl: session.startUrl, region: session.region },
    homeDir,
  );
  if (found.status !== 'found') {
    return { ...base, signedIn: false, refreshable: false, reason: found.reason };
  }
  const { record } = found;
  const refreshable =
    record.refreshToken !== undefined &&
    record.clientId !== undefined &&
    record.clientSecret !== undefined &&
    (record.registrationExpiresAt ?? 0) > now;
  const live = record.expiresAt > now;
  return {
    ...base,
    signedIn: live || refreshable,
    expiresAt: record.expiresAt,
    refreshable,
    ...(live || refreshable ? {} : { reason: 'the token expired and cannot be refreshed' }),
  };
}
