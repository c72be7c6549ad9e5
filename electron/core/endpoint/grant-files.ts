import {
  closeSync,
  constants,
  openSync,
  unlinkSync,
  writeFileSync,
  promises as fsp,
} from 'node:fs';
import { join } from 'node:path';
import { errorCode } from '../fs/fs-error-message';
import { giveFolderOwnerSync } from '../fs/keep-owner';
import { readRegularFile } from '../fs/regular-file';
import { parseGrantRecord } from '../refresh/parse-state';
import type { GrantRecord } from '../refresh/state-model';

/**
 * `exec` grants as files of their own: `<config>/grants/<token SHA-256>.json`,
 * one small JSON grant record each. Making one is a create (O_EXCL) and a
 * write, taking it back an unlink: no lock and no read-modify-write of the
 * whole state.json, which made the grant and its revocation most of what
 * `exec` cost beyond starting Node. The endpoint finds a grant by the SHA-256
 * of the token it is shown (the file name), so a grant works the moment its
 * file is written and stops the moment it is gone. The refresher creates the
 * folder and says so in its `endpoint` record (`grantFiles`); a CLI beside a
 * refresher that does not say so writes into state.json as before.
 */

export const GRANTS_FOLDER = 'grants';

/** A file the sweep cannot read as a grant is dropped once it is this old (a writer that crashed mid-write). */
export const UNREADABLE_GRANT_FILE_MS = 60_000;

const GRANT_FILE = /^([0-9a-f]{64})\.json$/;

export function grantsDir(configDir: string): string {
  return join(configDir, GRANTS_FOLDER);
}

export function grantFilePath(dir: string, tokenSha256: string): string {
  return join(dir, `${tokenSha256}.json`);
}

/**
 * Writes an exec grant's file (owner-only; as root, the folder owner's) and
 * returns its path. Synchronous on purpose: the CLI waits on it with nothing
 * else to do, and each asynchronous call would be a thread-pool round trip.
 * Throws Node's error (ENOENT when the folder is missing) with nothing left behind.
 */
export function writeGrantFile(dir: string, grant: GrantRecord): string {
  const path = grantFilePath(dir, grant.tokenSha256);
  const fd = openSync(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    writeFileSync(fd, JSON.stringify(grant));
    giveFolderOwnerSync(path);
  } catch (error) {
    closeSync(fd);
    removeGrantFileSync(path);
    throw error;
  }
  closeSync(fd);
  return path;
}

/** Takes a grant back; a file already gone (swept) is fine. */
export function removeGrantFileSync(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/**
 * The exec grant whose token has this SHA-256, if its file holds one. Anything
 * unreadable, another kind, or a record that does not match its name grants
 * nothing (fail closed).
 */
export async function readGrantFile(
  dir: string,
  tokenSha256: string,
): Promise<GrantRecord | undefined> {
  const grant = await readGrantAt(grantFilePath(dir, tokenSha256));
  return grant?.tokenSha256 === tokenSha256 ? grant : undefined;
}

async function readGrantAt(path: string): Promise<GrantRecord | undefined> {
  try {
    const json: unknown = JSON.parse((await readRegularFile(path)).toString('utf8'));
    const grant = parseGrantRecord(json, path);
    return grant?.kind === 'exec' && grant.mfaCode === undefined ? grant : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the grant files `keep` refuses (an exec whose process is gone, a
 * removed role) and those that have not been readable grants for a minute
 * (`now` is wall-clock time, as file times are). Returns how many went.
 */
export async function sweepGrantFiles(
  dir: string,
  keep: (grant: GrantRecord) => boolean,
  now: number = Date.now(),
): Promise<number> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const digest = GRANT_FILE.exec(name)?.[1];
    if (digest === undefined) continue;
    const path = join(dir, name);
    const grant = await readGrantAt(path);
    const drop =
      grant && grant.tokenSha256 === digest
        ? !keep(grant)
        : await olderThan(path, now - UNREADABLE_GRANT_FILE_MS);
    if (!drop) continue;
    try {
      await fsp.unlink(path);
      removed += 1;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  return removed;
}

async function olderThan(path: string, limit: number): Promise<boolean> {
  try {
    return (await fsp.stat(path)).mtimeMs < limit;
  } catch {
    return false;
  }
}
