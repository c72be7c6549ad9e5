import { statSync } from 'node:fs';
import { msStampOf, sameMsStamp, type MsStamp } from '../fs/file-stamp';
import type { GrantRecord } from '../refresh/state-model';
import { grantFilePath, readGrantFile } from './grant-files';
import { digestMatches, storedDigest } from './grant-token';

/** A missing file is an answer, not an error to build: most tokens shown have no file. */
const NO_THROW = { throwIfNoEntry: false } as const;
/** Grant files kept at once; more live exec grants than this is unheard of (then: read again). */
const MAX_KEPT = 256;

interface KeptGrant {
  readonly path: string;
  readonly stamp: MsStamp;
  readonly grant: GrantRecord;
}

/**
 * The endpoint's view of the exec grant files (grant-files.ts). A grant file
 * found is kept with its stat, and each later request for it costs one stat
 * instead of an open, a read and a parse on Node's thread pool: the file is
 * only ever created and unlinked, so an unchanged stat is the same grant, and
 * a revoked one (unlinked) is refused on its very next request. A token with
 * no file costs one stat too, with no promise.
 */
export class GrantFileBook {
  readonly #dir: string;
  readonly #kept = new Map<string, KeptGrant>();

  constructor(grantsDir: string) {
    this.#dir = grantsDir;
  }

  /** The exec grant for `roleId` whose token has this SHA-256, if its file holds one. */
  find(digest: Buffer, roleId: string): GrantRecord | undefined | Promise<GrantRecord | undefined> {
    const hex = digest.toString('hex');
    const kept = this.#kept.get(hex);
    const path = kept?.path ?? grantFilePath(this.#dir, hex);
    const stats = statOrUndefined(path);
    if (stats === undefined) {
      this.#kept.delete(hex);
      return undefined;
    }
    if (kept && sameMsStamp(kept.stamp, stats)) return forRole(kept.grant, roleId);
    this.#kept.delete(hex);
    // The stat from before the read: a change after it only costs one more read.
    return this.#read(digest, hex, path, msStampOf(stats), roleId);
  }

  async #read(
    digest: Buffer,
    hex: string,
    path: string,
    stamp: MsStamp,
    roleId: string,
  ): Promise<GrantRecord | undefined> {
    const grant = await readGrantFile(this.#dir, hex);
    if (!grant || !digestMatches(digest, storedDigest(grant.tokenSha256))) return undefined;
    if (this.#kept.size >= MAX_KEPT) this.#kept.clear();
    this.#kept.set(hex, { path, stamp, grant });
    return forRole(grant, roleId);
  }
}

function forRole(grant: GrantRecord, roleId: string): GrantRecord | undefined {
  return grant.roleId === roleId ? grant : undefined;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path, NO_THROW);
  } catch {
    return undefined; // unreadable folder: no grant (fail closed), as a failed open was
  }
}
