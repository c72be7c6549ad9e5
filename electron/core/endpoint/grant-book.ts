import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { msStampOf, sameMsStamp, type MsStamp } from '../fs/file-stamp';
import { readRegularFile } from '../fs/regular-file';
import { parseState } from '../refresh/parse-state';
import type { GrantRecord } from '../refresh/state-model';
import { GrantFileBook } from './grant-file-book';
import { grantsDir } from './grant-files';
import { digestMatches, storedDigest, tokenDigest } from './grant-token';

/** A missing file is an answer, not an error to build (a request may find it so). */
const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * The endpoint's view of the grants in state.json. Every check first stats the
 * file (one syscall) and reads it again only when its stamp changed, so a
 * grant written a moment ago is honoured and a revoked one refused at once,
 * without waiting for a watcher, and a flood of bad tokens costs a stat each.
 * A file that cannot be read or parsed grants nothing (fail closed) until the
 * refresher rebuilds it. A token state.json does not know is looked up as
 * an exec grant file by its SHA-256 (GrantFileBook: a stat, and a read the
 * first time), so a grant file works as soon as it is written and stops as
 * soon as it is removed.
 */
export class GrantBook {
  readonly #path: string;
  readonly #files: GrantFileBook;
  #stamp: MsStamp | undefined;
  #grants: readonly GrantRecord[] = [];
  /** Each grant's token digest as bytes, in the order of #grants. */
  #digests: readonly Buffer[] = [];
  #loading: Promise<void> | undefined;

  constructor(statePath: string) {
    this.#path = statePath;
    this.#files = new GrantFileBook(grantsDir(dirname(statePath)));
  }

  /** The grants as last read. */
  grants(): readonly GrantRecord[] {
    return this.#grants;
  }

  /**
   * The grant for `roleId` that `token` is, if any. Compares every grant, each
   * in constant time. Answers at once when state.json's stat is the one last
   * read (the usual case); a promise only when the file must be read again or
   * the token may be an exec grant file.
   */
  authorize(
    token: string,
    roleId: string,
  ): GrantRecord | undefined | Promise<GrantRecord | undefined> {
    if (!this.#unchanged()) return this.refresh().then(() => this.#find(token, roleId));
    return this.#find(token, roleId);
  }

  /** Re-reads the file if its stamp changed; concurrent callers share one look. */
  refresh(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  #find(token: string, roleId: string): GrantRecord | undefined | Promise<GrantRecord | undefined> {
    const digest = tokenDigest(token);
    let found: GrantRecord | undefined;
    const grants = this.#grants;
    const digests = this.#digests;
    for (let i = 0; i < grants.length; i++) {
      const matches = digestMatches(digest, digests[i]!);
      if (matches && grants[i]!.roleId === roleId) found = grants[i];
    }
    if (found) return found;
    return this.#files.find(digest, roleId);
  }

  /**
   * True when what was last read is still state.json: no read under way and
   * the file's stat is the stamp it was read under. The stat is compared as it
   * comes (no stamp object made), as #load would.
   */
  #unchanged(): boolean {
    const stamp = this.#stamp;
    if (this.#loading !== undefined || stamp === undefined) return false;
    try {
      const stats = statSync(this.#path, NO_THROW);
      return stats !== undefined && sameMsStamp(stamp, stats);
    } catch {
      return false; // #load decides what an unreadable file means
    }
  }

  async #load(): Promise<void> {
    let stamp: MsStamp;
    try {
      // Sync on purpose: microseconds, where a thread-pool hop per request costs far more.
      stamp = msStampOf(statSync(this.#path));
    } catch {
      this.#forget();
      return;
    }
    if (this.#stamp && sameMsStamp(this.#stamp, stamp)) return;
    try {
      const text = (await readRegularFile(this.#path)).toString('utf8');
      const grants = parseState(text, this.#path).grants ?? [];
      this.#digests = grants.map((grant) => storedDigest(grant.tokenSha256));
      this.#grants = grants;
      // The stamp from before the read: a write in between only costs one more read.
      this.#stamp = stamp;
    } catch {
      this.#forget();
    }
  }

  #forget(): void {
    this.#stamp = undefined;
    this.#grants = [];
    this.#digests = [];
  }
}
