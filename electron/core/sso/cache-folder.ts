import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { makeFolderKeepingOwner, runningAsRoot } from '../fs/keep-owner';
import { fileKind } from '../fs/regular-file';

/**
 * The folder of the SSO token cache, `~/.aws/sso/cache`, shared with the AWS
 * CLI and the SDKs. It holds bearer tokens and refresh tokens, so before
 * anything is read from or written to it, the folder it really is (links
 * followed: a ~/.aws kept in a dotfiles repo is fine) must be a folder of this
 * user that no one else can write to. A link planted to a folder of someone
 * else, or to a world-writable one like /tmp, would otherwise let them read
 * the tokens we write or swap in their own.
 */

/** A cache problem, in one line that names the path and the fix; never holds a token. */
export class SsoCacheError extends Error {
  override readonly name = 'SsoCacheError';

  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `~/.aws/sso/cache`: where botocore and the JS SDK look, under the same home. */
export function ssoCacheDir(homeDir: string = homedir()): string {
  return join(homeDir, '.aws', 'sso', 'cache');
}

/**
 * The cache folder's real path, checked. Undefined when it does not exist
 * and `create` is false; with `create`, it is made (mode 0700, and as root
 * owned like the folder it is made in). Throws SsoCacheError when the folder
 * is not a folder, is someone else's, or is writable by everyone.
 */
export async function checkedCacheFolder(
  dir: string,
  homeDir: string,
  create: boolean,
): Promise<string | undefined> {
  let real = await realFolder(dir);
  if (real === undefined) {
    if (!create) return undefined;
    try {
      await makeFolderKeepingOwner(dir, 0o700);
    } catch (error) {
      throw new SsoCacheError(`${fsErrorMessage(error, join(dir, 'x'), 'write')}`, dir, {
        cause: error,
      });
    }
    real = await realFolder(dir);
    if (real === undefined) throw new SsoCacheError(`could not create ${dir}`, dir);
  }
  const named = real === dir ? dir : `${dir} (-> ${real})`;
  let stats: Stats;
  try {
    stats = await stat(real);
  } catch (error) {
    throw new SsoCacheError(fsErrorMessage(error, named, 'read'), dir, { cause: error });
  }
  if (!stats.isDirectory()) {
    throw new SsoCacheError(
      `${named} is a ${stats.isFile() ? 'file' : fileKind(stats)}, not a folder; move it away so sign-in tokens can be kept there`,
      dir,
    );
  }
  const owners = await trustedOwners(homeDir);
  if (owners !== undefined && !owners.includes(stats.uid)) {
    throw new SsoCacheError(
      `${named} belongs to another user (uid ${stats.uid}); sign-in tokens are kept only in a folder of yours: remove it (or the link to it) and sign in again`,
      dir,
    );
  }
  // World-writable (sticky or not): anyone could place or replace a token file there.
  if ((stats.mode & 0o002) !== 0) {
    const octal = (stats.mode & 0o7777).toString(8).padStart(4, '0');
    throw new SsoCacheError(
      `${named} is writable by every user (mode ${octal}); make it yours alone (chmod 700 ${real}) or remove the link to it`,
      dir,
    );
  }
  return real;
}

async function realFolder(dir: string): Promise<string | undefined> {
  try {
    return await realpath(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new SsoCacheError(fsErrorMessage(error, dir, 'read'), dir, { cause: error });
  }
}

/**
 * The users whose folder the cache may be: this user; run as root (`sudo -E`),
 * also the owner of the home folder, whose files keep-owner.ts keeps theirs.
 * Undefined where there are no uids (Windows).
 */
async function trustedOwners(homeDir: string): Promise<number[] | undefined> {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  if (!runningAsRoot()) return [uid];
  const home = await stat(homeDir).catch(() => undefined);
  return home === undefined ? [uid] : [uid, home.uid];
}
