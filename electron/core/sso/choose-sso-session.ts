import { InputError } from '../../../shared/input-error';
import {
  checkSsoRegion,
  checkSsoSessionName,
  checkStartUrl,
  sameStartUrl,
} from '../../../shared/validate-sso';
import { addSsoSession, DEFAULT_SSO_SCOPES } from './add-sso-session';
import { readSsoSessions, type SsoSessionConfig } from './sso-config';

/**
 * Which `[sso-session]` a sign-in, sync or sign-out is about, for every shell
 * (the `sso` commands and the tray). The shells differ only in how they name
 * their inputs and how they tell the user to fix a problem, so those words are
 * passed in; what is chosen, and when a section is added, is decided here once.
 */

/** How a shell names its inputs and the way out of each problem, for the one-line errors. */
export interface SessionWords {
  /** The input that names a session: `--session` in the CLI. */
  readonly sessionField: string;
  /** How to add a session of this name (or any, when undefined). */
  readonly addHint: (name?: string) => string;
  /** How to choose one when the file has several. */
  readonly chooseHint: string;
}

/**
 * The session called `name`, or the only one the config file has. An unknown
 * name, no session or a choice to make is one line saying what there is.
 */
export async function chooseSession(
  configPath: string,
  name: string | undefined,
  words: SessionWords,
): Promise<SsoSessionConfig> {
  const sessions = await readSsoSessions(configPath);
  const names = sessions.map((s) => s.name).join(', ');
  if (name !== undefined) {
    checkSsoSessionName(name, words.sessionField);
    const found = sessions.find((s) => s.name === name);
    if (found) return found;
    throw new InputError(
      words.sessionField,
      `${words.sessionField}: no [sso-session ${name}] in ${configPath}${sessions.length > 0 ? ` (there is ${names})` : ''}; ${words.addHint(name)}`,
    );
  }
  if (sessions.length === 1) return sessions[0]!;
  if (sessions.length === 0) {
    throw new InputError('session', `no [sso-session] in ${configPath}; ${words.addHint()}`);
  }
  throw new InputError(
    words.sessionField,
    `${configPath} has several sessions (${names}); ${words.chooseHint}`,
  );
}

/** What a sign-in with a start URL asks for; each part is checked here. */
export interface StartUrlRequest {
  readonly startUrl: string;
  readonly region: string;
  /** The session's name; derived from the start URL when absent. */
  readonly name?: string;
}

/** The inputs' names in the shell's words, for the errors. */
export interface StartUrlFields {
  readonly startUrl?: string;
  readonly region?: string;
  readonly name?: string;
}

/**
 * The session with this start URL and region (and name, if given) that the
 * config file has, or a new `[sso-session]` appended to it (the lossless,
 * locked, atomic editor). Every input is checked before the file is touched.
 */
export async function findOrAddSession(
  configPath: string,
  request: StartUrlRequest,
  fields: StartUrlFields = {},
): Promise<{ readonly session: SsoSessionConfig; readonly added: boolean }> {
  const startUrl = checkStartUrl(request.startUrl, fields.startUrl);
  const region = checkSsoRegion(request.region, fields.region);
  const name =
    request.name === undefined ? undefined : checkSsoSessionName(request.name, fields.name);
  const sessions = await readSsoSessions(configPath);
  const same = sessions.find(
    (s) =>
      sameStartUrl(s.startUrl, startUrl) &&
      s.region === region &&
      (name === undefined || s.name === name),
  );
  if (same) return { session: same, added: false };
  const session: SsoSessionConfig = {
    name:
      name ??
      sessionNameFor(
        startUrl,
        sessions.map((s) => s.name),
      ),
    startUrl,
    region,
    scopes: DEFAULT_SSO_SCOPES,
  };
  await addSsoSession(configPath, session);
  return { session, added: true };
}

/** `d-1234567890` from `https://d-1234567890.awsapps.com/start`: a session name from the start URL. */
export function sessionNameFor(startUrl: string, taken: readonly string[]): string {
  const host = new URL(startUrl).hostname.split('.')[0] ?? 'sso';
  const base = host.replace(/[^\w@+.%:/-]/g, '-').slice(0, 60) || 'sso';
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}-${n}`;
  return name;
}
