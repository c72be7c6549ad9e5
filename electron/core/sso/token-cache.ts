import { createHash } from 'node:crypto';
import { lstat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sameStartUrl } from '../../../shared/validate-sso';
import { InputError } from '../../../shared/input-error';
import { writeFileAtomic } from '../fs/atomic-write';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { fileKind, openRegularFile } from '../fs/regular-file';
import { checkedCacheFolder, SsoCacheError, ssoCacheDir } from './cache-folder';
import {
  parseSsoToken,
  recordProblem,
  serializeSsoToken,
  extraFields,
  type ExtraFields,
  type SsoTokenRecord,
  type TokenDefaults,
} from './token-record';

export { SsoCacheError, ssoCacheDir } from './cache-folder';
export type { SsoTokenRecord } from './token-record';

/**
 * The SSO token cache shared with the AWS CLI v2 and the SDKs:
 * `~/.aws/sso/cache/<sha1 hex>.json`, named by the sha1 of the sso-session
 * name, or (legacy profiles with `sso_start_url` and no `sso_session`) of the
 * start URL exactly as configured. A sign-in here makes `aws --profile X` work
 * for the profiles of that session, and a sign-in by `aws sso login` is used
 * here without asking again.
 *
 * A missing, broken or unreadable file is "not signed in" with a reason, never
 * an exception; writing refuses, in one line, what it must not write through:
 * a cache folder that is not the user's (cache-folder.ts), a token file that
 * is a symlink or not a regular file. A FIFO is never waited on.
 */

/** Token files are a few KB; anything much larger is not one, and is not read into memory. */
const MAX_TOKEN_FILE_BYTES = 1024 * 1024;

/** What finds a session's token: its name (new form) and its start URL (legacy form). */
export interface SsoTokenKey {
  /** The `[sso-session NAME]` name; absent for a legacy profile. */
  readonly name?: string | undefined;
  /** The start URL exactly as configured (the legacy file is named by its sha1). */
  readonly startUrl: string;
  /** The configured region, used when the file has none. */
  readonly region?: string | undefined;
}

export type SsoTokenLookup =
  | { readonly status: 'found'; readonly record: SsoTokenRecord; readonly path: string }
  /** No token file: not signed in. */
  | { readonly status: 'absent'; readonly reason: string }
  /** A token file that cannot be used; `reason` says why and names the file, in one line. */
  | { readonly status: 'unusable'; readonly reason: string };

/** `~/.aws/sso/cache/<sha1 hex of key>.json`, as botocore and the JS SDK name it. */
export function ssoTokenCachePath(key: string, homeDir: string = homedir()): string {
  return join(ssoCacheDir(homeDir), `${sha1Hex(key)}.json`);
}

export function sha1Hex(key: string): string {
  return createHash('sha1').update(key, 'utf8').digest('hex');
}

/** The session's cached token: the session-name file, else the legacy start-URL file. */
export async function readSsoToken(
  session: SsoTokenKey,
  homeDir: string = homedir(),
): Promise<SsoTokenRecord | undefined> {
  const found = await lookupSsoToken(session, homeDir);
  return found.status === 'found' ? found.record : undefined;
}

/** readSsoToken with the reason when there is no usable token. */
export async function lookupSsoToken(
  session: SsoTokenKey,
  homeDir: string = homedir(),
): Promise<SsoTokenLookup> {
  const dir = ssoCacheDir(homeDir);
  let folder: string | undefined;
  try {
    folder = await checkedCacheFolder(dir, homeDir, false);
  } catch (error) {
    return { status: 'unusable', reason: messageOf(error) };
  }
  if (folder === undefined) return { status: 'absent', reason: `not signed in (no ${dir})` };
  const keys = [session.name, session.startUrl].filter((key): key is string => !!key);
  const defaults = { startUrl: session.startUrl, region: session.region };
  const seen: SsoTokenLookup[] = [];
  for (const key of new Set(keys)) {
    const result = await readTokenFile(join(folder, `${sha1Hex(key)}.json`), defaults);
    if (result.status === 'found') return result;
    seen.push(result);
  }
  // The newer form's problem first: it is the file a sign-in will replace.
  return (
    seen.find((result) => result.status === 'unusable') ?? {
      status: 'absent',
      reason: `not signed in (no cached token for ${session.name ? `sso-session ${session.name}` : session.startUrl})`,
    }
  );
}

type TextRead = { readonly text: string } | Exclude<SsoTokenLookup, { status: 'found' }>;

/**
 * A cache file's text, read the careful way (never through a link, never
 * blocking on a FIFO, bounded), or why it cannot be used. Shared by the
 * client-registration cache in the same folder.
 */
export async function readTokenText(path: string): Promise<TextRead> {
  const unusable = (problem: string): TextRead => ({
    status: 'unusable',
    reason: `${path} ${problem}; sign in again`,
  });
  try {
    const link = await lstat(path);
    // Tokens are never read through a link: the folder is checked, a link could lead anywhere.
    if (link.isSymbolicLink()) {
      return unusable('is a symbolic link, which the token cache never follows');
    }
    if (!link.isFile()) return unusable(`is a ${fileKind(link)}, not a token file`);
    // Non-blocking open and fstat: a file swapped for a FIFO since the lstat still never blocks.
    const handle = await openRegularFile(path);
    try {
      const { size } = await handle.stat();
      if (size > MAX_TOKEN_FILE_BYTES) {
        return unusable(`is ${size} bytes, too large for a token file`);
      }
      return { text: (await handle.readFile()).toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { status: 'absent', reason: `no ${path}` };
    return { status: 'unusable', reason: fsErrorMessage(error, path, 'read') };
  }
}

async function readTokenFile(path: string, defaults: TokenDefaults): Promise<SsoTokenLookup> {
  const read = await readTokenText(path);
  if (!('text' in read)) return read;
  const parsed = parseSsoToken(read.text, defaults);
  if ('problem' in parsed) {
    return { status: 'unusable', reason: `${path} ${parsed.problem}; sign in again` };
  }
  if (!sameStartUrl(parsed.record.startUrl, defaults.startUrl)) {
    return {
      status: 'unusable',
      reason: `${path} holds a token for another start URL (${parsed.record.startUrl}); sign in again`,
    };
  }
  return { status: 'found', record: parsed.record, path };
}

/**
 * Writes the session's token to `~/.aws/sso/cache/<sha1 of sessionName>.json`:
 * atomically (temp file, fsync, rename), mode 0600, the folder made 0700 if
 * missing. Fields other tools wrote that we do not know are kept. Throws
 * SsoCacheError (one line, no secret) and changes nothing when it cannot.
 */
export async function writeSsoToken(
  sessionName: string,
  record: SsoTokenRecord,
  homeDir: string = homedir(),
): Promise<void> {
  if (typeof sessionName !== 'string' || sessionName === '') {
    throw new InputError(
      'session name',
      'session name: is empty; name the sso-session to sign in to',
    );
  }
  const problem = recordProblem(record);
  if (problem) throw new InputError('SSO token', `SSO token: ${problem}; nothing was written`);
  const folder = (await checkedCacheFolder(ssoCacheDir(homeDir), homeDir, true)) as string;
  const path = join(folder, `${sha1Hex(sessionName)}.json`);
  const extra = await previousExtraFields(path);
  try {
    await writeFileAtomic(path, serializeSsoToken(record, extra), { mode: 0o600 });
  } catch (error) {
    throw new SsoCacheError(messageOf(error), path, { cause: error });
  }
}

/**
 * The unknown fields of the file being replaced, to carry over. A file that
 * cannot be read or parsed has none (it is replaced whole); a link is refused.
 */
async function previousExtraFields(path: string): Promise<ExtraFields> {
  let link;
  try {
    link = await lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return {};
    throw new SsoCacheError(fsErrorMessage(error, path, 'write'), path, { cause: error });
  }
  if (link.isSymbolicLink()) {
    throw new SsoCacheError(
      `${path} is a symbolic link, which the token cache never writes through; delete it and sign in again`,
      path,
    );
  }
  if (!link.isFile()) return {}; // writeFileAtomic refuses it in one line.
  const read = await readTokenText(path);
  return 'text' in read ? extraFields(read.text) : {};
}

/**
 * Logout: removes the session's token files (the session-name file and the
 * legacy start-URL file, so no older token is found after it). True when a
 * file was removed. A link is removed itself, never what it points to.
 */
export async function deleteSsoToken(
  session: SsoTokenKey,
  homeDir: string = homedir(),
): Promise<boolean> {
  const folder = await checkedCacheFolder(ssoCacheDir(homeDir), homeDir, false);
  if (folder === undefined) return false;
  let removed = false;
  for (const key of new Set([session.name, session.startUrl].filter((k): k is string => !!k))) {
    const path = join(folder, `${sha1Hex(key)}.json`);
    try {
      await unlink(path);
      removed = true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw new SsoCacheError(`${fsErrorMessage(error, path, 'write')}`, path, { cause: error });
    }
  }
  return removed;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
