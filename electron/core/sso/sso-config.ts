import { InputError } from '../../../shared/input-error';
import { checkSsoRegion, checkStartUrl, sameStartUrl } from '../../../shared/validate-sso';
import { readConfigProfiles } from '../catalog/config-role-profiles';
import { decodeUtf8 } from '../credentials/decode-utf8';
import { indexSections, parseIni, type IniSection } from '../credentials/ini-document';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { readStable } from '../fs/stable-read';

/**
 * IAM Identity Center in ~/.aws/config (AWS_CONFIG_FILE): `[sso-session NAME]`
 * sections and the profiles that use them, read with the lossless parser the
 * editor and `roles import` use, with botocore's view (keys lower-cased, a
 * section or key defined twice is a defect, since the AWS CLI refuses the file).
 *
 * What is wrong is reported per section, in one line, and leaves that section
 * out; the rest of the file is still read.
 */

export interface SsoSessionConfig {
  readonly name: string;
  /** As written in the file: the legacy cache file is named by these exact bytes. */
  readonly startUrl: string;
  readonly region: string;
  /** `sso_registration_scopes`, split on commas; empty when unset. */
  readonly scopes: readonly string[];
}

/** A profile that gets role credentials from Identity Center. */
export interface SsoProfile {
  readonly profile: string;
  /** The `[sso-session]` it uses; absent for the legacy form (`sso_start_url` on the profile). */
  readonly session?: string;
  readonly startUrl: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleName: string;
}

export interface SsoConfigProblem {
  /** The section as its header names it: `sso-session corp`, `profile dev`, `default`. */
  readonly section: string;
  /** One line: what is wrong and how to fix it. */
  readonly reason: string;
}

export interface SsoConfig {
  readonly sessions: readonly SsoSessionConfig[];
  readonly profiles: readonly SsoProfile[];
  readonly problems: readonly SsoConfigProblem[];
}

/** The names both SDKs read in `[sso-session NAME]` (the JS SDK's pattern; botocore's shlex agrees). */
const SESSION_HEADER = /^sso-session\s+(["']?)([\w\-@+.%:/]+)\1$/;
const ACCOUNT_ID = /^\d{12}$/;
/** IAM role names (permission sets share them): 1–64 of letters, digits and + = , . @ _ -. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The session a section header names (`sso-session corp` → corp), if it names one both SDKs read. */
export function sessionNameOf(header: string): string | undefined {
  return SESSION_HEADER.exec(header)?.[2];
}

/** Every Identity Center session and profile in a config file's text. Pure. */
export function parseSsoConfig(text: string): SsoConfig {
  const problems: SsoConfigProblem[] = [];
  const sessions = readSessions(text, problems);
  const profiles = readProfiles(text, sessions, problems);
  return { sessions: [...sessions.values()], profiles, problems };
}

function readSessions(text: string, problems: SsoConfigProblem[]): Map<string, SsoSessionConfig> {
  const sessions = new Map<string, SsoSessionConfig>();
  for (const [header, sections] of indexSections(parseIni(text))) {
    if (!/^sso-session(\s|$)/.test(header)) continue;
    const problem = (reason: string) => problems.push({ section: header, reason });
    const name = sessionNameOf(header);
    if (name === undefined) {
      problem(
        'the session name is missing or uses characters the AWS SDKs do not read; use letters, digits and _ - . @ + % : /',
      );
      continue;
    }
    if (sections.length > 1) {
      problem(
        `it is defined ${sections.length} times, which the AWS CLI refuses; merge the sections`,
      );
      continue;
    }
    const values = sectionValues(sections[0] as IniSection);
    if (typeof values === 'string') {
      problem(values);
      continue;
    }
    const startUrl = values.get('sso_start_url');
    const region = values.get('sso_region');
    const missing = [startUrl ? '' : 'sso_start_url', region ? '' : 'sso_region'].filter(Boolean);
    if (missing.length > 0) {
      problem(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set; add it`);
      continue;
    }
    const invalid = invalidSetting(startUrl as string, region as string);
    if (invalid) {
      problem(invalid);
      continue;
    }
    const scopes = (values.get('sso_registration_scopes') ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== '');
    sessions.set(name, { name, startUrl: startUrl as string, region: region as string, scopes });
  }
  return sessions;
}

/** A section's keys, lower-cased as botocore reads them, or the defect that makes the AWS CLI refuse it. */
function sectionValues(section: IniSection): Map<string, string> | string {
  const values = new Map<string, string>();
  for (const entry of section.entries) {
    const key = entry.key.toLowerCase();
    if (values.has(key)) return `"${key}" is set twice in it, which the AWS CLI refuses; keep one`;
    values.set(key, entry.value);
  }
  return values;
}

/** Why a start URL and region read from the file cannot be used, in terms of its keys. */
function invalidSetting(startUrl: string, region: string): string | undefined {
  for (const [key, check, value] of [
    ['sso_start_url', checkStartUrl, startUrl],
    ['sso_region', checkSsoRegion, region],
  ] as const) {
    try {
      check(value, key);
    } catch (error) {
      if (error instanceof InputError) return error.message;
      throw error;
    }
  }
  return undefined;
}

function readProfiles(
  text: string,
  sessions: ReadonlyMap<string, SsoSessionConfig>,
  problems: SsoConfigProblem[],
): SsoProfile[] {
  const profiles: SsoProfile[] = [];
  for (const config of readConfigProfiles(text).values()) {
    const { name, values } = config;
    // botocore: a profile is an SSO role profile when it names an account or a role.
    if (!values.has('sso_account_id') && !values.has('sso_role_name')) continue;
    const section = name === 'default' ? 'default' : `profile ${name}`;
    const problem = (reason: string) => problems.push({ section, reason });
    if (config.defect) {
      problem(config.defect);
      continue;
    }
    const accountId = values.get('sso_account_id') ?? '';
    const roleName = values.get('sso_role_name') ?? '';
    const sessionName = values.get('sso_session');
    let startUrl = values.get('sso_start_url');
    let region = values.get('sso_region');
    if (sessionName !== undefined) {
      const session = sessions.get(sessionName);
      if (!session) {
        problem(
          `its sso_session "${sessionName}" has no usable [sso-session ${sessionName}] section; add one or fix the name`,
        );
        continue;
      }
      // botocore refuses a profile whose own values contradict its session's.
      if (startUrl !== undefined && !sameStartUrl(startUrl, session.startUrl)) {
        problem(
          `its sso_start_url differs from the one of sso-session ${sessionName}; remove it from the profile`,
        );
        continue;
      }
      if (region !== undefined && region !== session.region) {
        problem(
          `its sso_region differs from the one of sso-session ${sessionName}; remove it from the profile`,
        );
        continue;
      }
      startUrl = session.startUrl;
      region = session.region;
    }
    const missing = [
      ['sso_start_url', startUrl],
      ['sso_region', region],
      ['sso_account_id', accountId],
      ['sso_role_name', roleName],
    ]
      .filter(([, value]) => !value)
      .map(([key]) => key);
    if (missing.length > 0) {
      problem(
        `it is missing ${missing.join(', ')}; set ${missing.length > 1 ? 'them' : 'it'} (or sso_session)`,
      );
      continue;
    }
    const invalid =
      sessionName === undefined ? invalidSetting(startUrl as string, region as string) : undefined;
    if (invalid) {
      problem(invalid);
      continue;
    }
    if (!ACCOUNT_ID.test(accountId)) {
      problem('its sso_account_id is not a 12-digit account ID; fix it');
      continue;
    }
    if (!ROLE_NAME.test(roleName)) {
      problem(
        'its sso_role_name is not a role name (1–64 of letters, digits and + = , . @ _ -); fix it',
      );
      continue;
    }
    profiles.push({
      profile: name,
      ...(sessionName === undefined ? {} : { session: sessionName }),
      startUrl: startUrl as string,
      region: region as string,
      accountId,
      roleName,
    });
  }
  return profiles;
}

/**
 * The config file's Identity Center settings. A missing file has none; a file
 * that cannot be read (permissions, not a regular file, not UTF-8) is a
 * one-line Error. Read as the editor reads it: a file an `aws configure set`
 * is rewriting in place is waited out, not read half-written.
 */
export async function readSsoConfig(configPath: string): Promise<SsoConfig> {
  let bytes: Uint8Array | undefined;
  try {
    ({ bytes } = await readStable(configPath));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') bytes = undefined;
    else if (errorCode(error) === undefined) throw error;
    else throw new Error(fsErrorMessage(error, configPath, 'read'), { cause: error });
  }
  return parseSsoConfig(bytes === undefined ? '' : decodeUtf8(bytes, configPath));
}

/** The usable `[sso-session]` sections of the config file. */
export async function readSsoSessions(configPath: string): Promise<SsoSessionConfig[]> {
  return [...(await readSsoConfig(configPath)).sessions];
}

/** The usable Identity Center role profiles of the config file (for `roles import`). */
export async function readSsoProfiles(configPath: string): Promise<SsoProfile[]> {
  return [...(await readSsoConfig(configPath)).profiles];
}
