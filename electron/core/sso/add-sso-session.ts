import { stat } from 'node:fs/promises';
import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import {
  checkSsoRegion,
  checkSsoSessionName,
  checkStartUrl,
  sameStartUrl,
} from '../../../shared/validate-sso';
import { AtomicWriteError, writeFileAtomic } from '../fs/atomic-write';
import { withLock } from '../fs/file-lock';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { resolveRealPath } from '../fs/resolve-real-path';
import { readStable, unchangedSince, type StableRead } from '../fs/stable-read';
import { decodeUtf8 } from '../credentials/decode-utf8';
import {
  holdsExactly,
  lateWriteInto,
  readHeld,
  sameAsParts,
  type HeldRead,
} from '../credentials/held-read';
import { dominantLineEnding, parseIni } from '../credentials/ini-document';
import { assertValue } from '../credentials/ini-value-rules';
import { parseSsoConfig, sessionNameOf } from './sso-config';

/**
 * Adds `[sso-session NAME]` to ~/.aws/config (AWS_CONFIG_FILE) for `sso login
 * <start-url>`, with the credentials file's discipline: under the same
 * cross-process lock (file-lock.ts), the new bytes written atomically
 * (atomic-write.ts) only if no other program changed the file since it was
 * read (stable-read.ts), and an in-place `aws configure set` that wrote into
 * the inode we replaced is redone on, not lost (held-read.ts). The section is
 * appended: every byte already in the file stays as it was.
 */

export interface NewSsoSession {
  readonly name: string;
  readonly startUrl: string;
  readonly region: string;
  /** Default `sso:account:access`, what the portal's role listing needs. */
  readonly scopes?: readonly string[];
}

export const DEFAULT_SSO_SCOPES: readonly string[] = ['sso:account:access'];

const EMPTY = new Uint8Array(0);
const ATTEMPTS = 5;

/**
 * True when the section was added; false when a session of that name already
 * has this start URL and region (nothing is written). Throws an InputError
 * (one line) for bad input or a session of that name with other values, and
 * a one-line Error, changing nothing, when the file cannot be written.
 */
export async function addSsoSession(configPath: string, session: NewSsoSession): Promise<boolean> {
  const wanted = {
    name: checkSsoSessionName(session.name),
    startUrl: checkStartUrl(session.startUrl),
    region: checkSsoRegion(session.region),
    scopes: checkScopes(session.scopes ?? DEFAULT_SSO_SCOPES),
  };
  try {
    return await withLock(configPath, () => addLocked(configPath, wanted));
  } catch (error) {
    // AtomicWriteError already says what happened and that nothing was changed.
    if (error instanceof InputError || error instanceof AtomicWriteError) throw error;
    if (errorCode(error) === undefined) throw error;
    const path = (error as { path?: unknown }).path;
    const named = typeof path === 'string' ? path : configPath;
    throw new Error(`${fsErrorMessage(error, named, 'write')}; nothing was changed`, {
      cause: error,
    });
  }
}

function checkScopes(scopes: readonly string[]): string[] {
  const fix = 'give scopes such as sso:account:access, without spaces or commas';
  if (scopes.length === 0) throw inputError('scopes', 'are empty', fix);
  for (const scope of scopes) {
    if (typeof scope !== 'string' || !/^[\w:.\-/]+$/.test(scope)) {
      throw inputError('scopes', 'contain an empty scope or one with other characters', fix);
    }
  }
  return [...scopes];
}

type Wanted = Required<NewSsoSession> & { readonly scopes: readonly string[] };

async function addLocked(configPath: string, wanted: Wanted): Promise<boolean> {
  let held = await readHeld(configPath, (path) => readStable(path));
  let written = false;
  try {
    // The bytes the section is added to: what the path held, or a late in-place write's bytes.
    let base = held.read.bytes ?? EMPTY;
    for (let round = 0; round <= ATTEMPTS; round++) {
      const text = decodeUtf8(base, configPath);
      const next = hasSession(text, wanted, configPath)
        ? [base]
        : [base, sectionBytes(text, wanted)];
      if (sameAsParts(next, held.read.bytes)) return written;
      if (round === ATTEMPTS) break;
      const mode = await existingMode(configPath);
      const renamed = await writeFileAtomic(configPath, next, {
        mode,
        // `aws configure set` takes no lock: renaming over its edit would drop it.
        beforeRename: () => unchangedSince(configPath, held.read),
      });
      if (renamed) {
        written = true;
        const late = await lateWriteInto(held);
        if (late === undefined && (await holdsExactly(configPath, next))) return true;
        held = await readAgain(held, configPath);
        const ours = sameAsParts(next, held.read.bytes);
        base = (late !== undefined && ours ? late : held.read.bytes) ?? EMPTY;
      } else {
        held = await readAgain(held, configPath);
        base = held.read.bytes ?? EMPTY;
      }
    }
  } finally {
    await held.handle?.close();
  }
  if (written) return true;
  throw new Error(
    `${configPath} kept changing while Switchyard was adding [sso-session ${wanted.name}] (${ATTEMPTS} attempts); nothing was written. Try again.`,
  );
}

async function readAgain(previous: HeldRead, path: string): Promise<HeldRead> {
  await previous.handle?.close();
  return readHeld(path, (p): Promise<StableRead> => readStable(p));
}

/** The config file's permission bits, kept on rewrite (it need not be 0600 as credentials are). */
async function existingMode(configPath: string): Promise<number> {
  try {
    return (await stat(await resolveRealPath(configPath))).mode & 0o777;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0o600;
    throw error;
  }
}

/**
 * True when the file already has this session with the same start URL and
 * region. A session of that name with other values, or one the file defines
 * in a way the AWS tools refuse, is an InputError saying how to fix it.
 */
function hasSession(text: string, wanted: Wanted, configPath: string): boolean {
  const config = parseSsoConfig(text);
  const existing = config.sessions.find((session) => session.name === wanted.name);
  const fix = `choose another --session-name, or edit or remove that section of ${configPath}`;
  if (existing) {
    if (sameStartUrl(existing.startUrl, wanted.startUrl) && existing.region === wanted.region) {
      return true;
    }
    const what = !sameStartUrl(existing.startUrl, wanted.startUrl)
      ? `start URL ${existing.startUrl}`
      : `region ${existing.region}`;
    throw inputError(
      'session name',
      `[sso-session ${wanted.name}] already exists with ${what}`,
      fix,
    );
  }
  const broken = config.problems.find((problem) => sessionNameOf(problem.section) === wanted.name);
  if (broken) {
    throw inputError(
      'session name',
      `[sso-session ${wanted.name}] already exists but is not usable (${broken.reason})`,
      fix,
    );
  }
  return false;
}

/** The new section, after a line break (if the file lacks a final one) and a blank line. */
function sectionBytes(text: string, wanted: Wanted): Uint8Array {
  const values: [string, string][] = [
    ['sso_start_url', wanted.startUrl],
    ['sso_region', wanted.region],
    ['sso_registration_scopes', wanted.scopes.join(',')],
  ];
  for (const [key, value] of values) assertValue(key, value);
  const eol = dominantLineEnding(parseIni(text));
  const body = text.replace(/^\uFEFF/, '');
  let lead = '';
  if (body !== '') {
    if (!/\r?\n$/.test(body)) lead = eol;
    if (!/(^|\n)[ \t]*\r?\n$/.test(`${body}${lead}`)) lead += eol;
  }
  const lines = [`[sso-session ${wanted.name}]`, ...values.map(([k, v]) => `${k} = ${v}`)];
  return Buffer.from(`${lead}${lines.join(eol)}${eol}`, 'utf8');
}
