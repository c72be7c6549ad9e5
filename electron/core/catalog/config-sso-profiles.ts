import { isDeepStrictEqual } from 'node:util';
import type { RoleEntry, RoleSource } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { ssoRoleArn } from '../../../shared/sso-role-arn';
import { sameStartUrl } from '../../../shared/validate-sso';
import { sessionNameOf } from '../sso/sso-config';
import { indexSections, parseIni } from '../credentials/ini-document';
import type { ConfigProfile } from './config-role-profiles';

/**
 * The Identity Center side of `roles import`: profiles that get their
 * credentials from the portal (`sso_account_id` + `sso_role_name`, with an
 * `sso_session` or the legacy `sso_start_url` + `sso_region`) become catalog
 * roles with an sso source, named by the `[sso-session]` they sign in with.
 */

type SsoSource = Extract<RoleSource, { kind: 'sso' }>;

/** An `[sso-session NAME]` section: the start URL and region a sign-in uses. */
export interface ConfigSsoSession {
  readonly name: string;
  readonly startUrl?: string;
  readonly region?: string;
}

/** Every `[sso-session NAME]` of a config file's text, keys read as botocore does (lowercased). */
export function readConfigSsoSessions(text: string): Map<string, ConfigSsoSession> {
  const sessions = new Map<string, ConfigSsoSession>();
  for (const [sectionName, sections] of indexSections(parseIni(text))) {
    const name = sessionNameOf(sectionName);
    if (name === undefined) continue;
    const values = new Map<string, string>();
    for (const section of sections) {
      for (const entry of section.entries) values.set(entry.key.toLowerCase(), entry.value);
    }
    sessions.set(name, {
      name,
      startUrl: values.get('sso_start_url'),
      region: values.get('sso_region'),
    });
  }
  return sessions;
}

/** A profile that `roles import` reads as an Identity Center role (one with role_arn is a role profile). */
export function isSsoRoleProfile(profile: ConfigProfile): boolean {
  const has = (key: string) => profile.values.has(key);
  return !has('role_arn') && (has('sso_account_id') || has('sso_role_name'));
}

export interface ResolvedSsoProfile {
  readonly source: SsoSource;
  /** The session's region: the partition of the role's display ARN. */
  readonly ssoRegion?: string;
}

/**
 * The sso source of an Identity Center profile, or the one-line reason it
 * cannot be imported. The session is the profile's `sso_session`; a legacy
 * profile (its own `sso_start_url`) uses the `[sso-session]` with the same
 * start URL and region, since the catalog names sessions, not URLs.
 */
export function resolveSsoProfile(
  profile: ConfigProfile,
  sessions: ReadonlyMap<string, ConfigSsoSession>,
): ResolvedSsoProfile | string {
  const get = (key: string) => profile.values.get(key);
  const accountId = get('sso_account_id');
  const roleName = get('sso_role_name');
  if (accountId === undefined || roleName === undefined) {
    const missing = accountId === undefined ? 'sso_account_id' : 'sso_role_name';
    return `it sets ${missing === 'sso_account_id' ? 'sso_role_name' : 'sso_account_id'} without ${missing}; the SDKs need both to get Identity Center credentials`;
  }
  const sessionName = get('sso_session');
  if (sessionName !== undefined) {
    const session = sessions.get(sessionName);
    if (!session) {
      return `its sso_session ${quoteValue(sessionName)} has no [sso-session ${sessionName}] section in this file; add one, or run "switchyard sso login <start-url> --region <region> --session-name ${sessionName}"`;
    }
    if (session.startUrl === undefined || session.region === undefined) {
      const missing = session.startUrl === undefined ? 'sso_start_url' : 'sso_region';
      return `its [sso-session ${sessionName}] has no ${missing}, so no sign-in can use it; add it to that section`;
    }
    return {
      source: { kind: 'sso', session: sessionName, accountId, roleName },
      ssoRegion: session.region,
    };
  }
  const startUrl = get('sso_start_url');
  const region = get('sso_region');
  if (startUrl === undefined || region === undefined) {
    return `it has ${startUrl === undefined ? 'neither sso_session nor sso_start_url' : 'sso_start_url without sso_region'}, so it names no Identity Center sign-in`;
  }
  const match = [...sessions.values()].find(
    (session) =>
      session.startUrl !== undefined &&
      sameStartUrl(session.startUrl, startUrl) &&
      session.region === region,
  );
  if (!match) {
    return `uses the legacy sso_start_url form; run "switchyard sso login ${startUrl} --region ${region}" to add an [sso-session] for it, then import again`;
  }
  return { source: { kind: 'sso', session: match.name, accountId, roleName }, ssoRegion: region };
}

/**
 * The role fields that come from an Identity Center profile (before the
 * catalog checks them): the display ARN, the source, the profile's default
 * region, and a not-granted mark a sync left on the same assignment.
 */
export function ssoRoleFields(
  profile: ConfigProfile,
  resolved: ResolvedSsoProfile,
  existing: RoleEntry | undefined,
): Record<string, unknown> {
  const { source } = resolved;
  const sameGrant = existing !== undefined && isDeepStrictEqual(existing.source, source);
  return {
    roleArn: ssoRoleArn(source.accountId, source.roleName, resolved.ssoRegion),
    source,
    region: profile.values.get('region'),
    notGrantedSince: sameGrant ? existing.notGrantedSince : undefined,
  };
}

/** A key for an sso source, to find a role a sync already made for the same assignment. */
export function ssoSourceKey(source: SsoSource): string {
  return `${source.session}\u0000${source.accountId}\u0000${source.roleName}`;
}
