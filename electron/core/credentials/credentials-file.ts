import { InputError } from '../../../shared/input-error';
import { assertWritableTarget, AtomicWriteError, writeFileAtomic } from '../fs/atomic-write';
import { CredentialsFileError } from './credentials-file-error';
import type { CredentialsPaths } from './credentials-paths';
import { assertUtf8, decodeUtf8 } from './decode-utf8';
import { isProcessAlive, LockTimeoutError, withLock } from '../fs/file-lock';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { parseIni, parseIniBytes } from './ini-document';
import { applyProfileEditsToBytes } from './ini-edit';
import { assertProfileName, assertValue } from './ini-value-rules';
import { ROLE_ARN_MARKER_KEY } from './managed-profile-keys';
import {
  listManagedProfiles,
  planProfileChanges,
  refusePut,
  type FilesSnapshot,
  type ManagedProfile,
  type ProfileChange,
  type Rejection,
} from './profile-change-plan';
import { resolveRealPath } from '../fs/resolve-real-path';
import { readStable, unchangedSince, UnstableFileError, type StableRead } from '../fs/stable-read';
import { holdsExactly, lateWriteInto, readHeld, sameAsParts, type HeldRead } from './held-read';
import { sweepStaleTempFiles } from '../fs/sweep-temp-files';

export { CredentialsFileError, type CredentialsFileErrorCode } from './credentials-file-error';
export { resolveCredentialsPaths, type CredentialsPaths } from './credentials-paths';
export type { ManagedProfile, ProfileChange, Rejection } from './profile-change-plan';

const EMPTY = new Uint8Array(0);

export interface ApplyResult {
  /** True when the credentials file was replaced. */
  readonly written: boolean;
  /** Profiles whose change is now in the file (a remove of a missing profile counts). */
  readonly applied: string[];
  readonly rejected: Rejection[];
}

export interface CredentialsFileOptions {
  /** How long to wait for another Switchyard process's lock; default 10 s. */
  readonly lockTimeoutMs?: number;
  /** How many times to redo the edit when another program changed the file meanwhile; default 5. */
  readonly maxAttempts?: number;
  /**
   * Test seam: runs after the new content is in its temp file, just before the
   * re-read that guards the rename, so a test can change the file at that moment.
   */
  readonly beforeRename?: () => Promise<void>;
  /** Test seam: runs after that re-read found the file unchanged, right before the rename. */
  readonly afterCheck?: () => Promise<void>;
  /** Test seam: runs right after the rename, before the look at what it replaced. */
  readonly afterRename?: () => Promise<void>;
}

/**
 * The user's shared credentials file, edited losslessly, atomically, under a
 * cross-process lock, one write per batch. The config file is only read.
 */
export class CredentialsFile {
  readonly #paths: CredentialsPaths;
  readonly #options: CredentialsFileOptions;

  constructor(paths: CredentialsPaths, options: CredentialsFileOptions = {}) {
    this.#paths = paths;
    this.#options = options;
  }

  async apply(changes: readonly ProfileChange[]): Promise<ApplyResult> {
    for (const change of changes) validateChange(change);
    if (changes.length === 0) return { written: false, applied: [], rejected: [] };
    const { credentialsPath } = this.#paths;
    try {
      return await withLock(credentialsPath, () => this.#applyLocked(changes), {
        timeoutMs: this.#options.lockTimeoutMs,
      });
    } catch (error) {
      throw toCredentialsFileError(error, credentialsPath);
    }
  }

  async listManaged(): Promise<ManagedProfile[]> {
    try {
      const text = await this.#readText(this.#paths.credentialsPath);
      return listManagedProfiles(parseIni(text));
    } catch (error) {
      throw toCredentialsFileError(error, this.#paths.credentialsPath);
    }
  }

  /** Throws the refusal a put of this profile would meet. Reads both files, writes nothing. */
  async checkWritable(profile: string, force = false): Promise<void> {
    assertProfileName(profile);
    let refusal;
    try {
      refusal = refusePut(await this.#snapshot(), profile, force);
    } catch (error) {
      throw toCredentialsFileError(error, this.#paths.credentialsPath);
    }
    if (refusal) throw new CredentialsFileError(refusal.code, refusal.reason);
    try {
      // A read-only or special file is refused now, not after an STS call was spent.
      await assertWritableTarget(this.#paths.credentialsPath);
    } catch (error) {
      throw toCredentialsFileError(error, this.#paths.credentialsPath);
    }
  }

  async #applyLocked(changes: readonly ProfileChange[]): Promise<ApplyResult> {
    const { credentialsPath } = this.#paths;
    const config = parseIni(await this.#readText(this.#paths.configPath));
    const attempts = this.#options.maxAttempts ?? 5;
    // Under the lock: a writer killed before its rename left a temp file with keys in it.
    await sweepStaleTempFiles(await resolveRealPath(credentialsPath), isProcessAlive);

    let held = await this.#readHeld(credentialsPath);
    let lastWrite: ApplyResult | undefined;
    try {
      // The bytes the edit is made on: what the path held, or a late write's bytes (below).
      let base = held.read.bytes ?? EMPTY;
      for (let round = 0; ; round++) {
        // Checked inside the try: a file that is not UTF-8 must not leave the inode held open.
        // Parsed from the bytes: only the lines the plan and the edit read are decoded.
        const doc = parseIniBytes(this.#assertUtf8(base));
        // Decided again on every attempt: the other program may have changed the profile too.
        const plan = planProfileChanges(this.#files(doc, config), changes);
        const result = { written: false, applied: plan.applied, rejected: plan.rejected };
        // Byte slices: the runs no edit touches are views into `base`, not copies.
        const next = plan.edits.length === 0 ? [base] : applyProfileEditsToBytes(doc, plan.edits);
        if (sameAsParts(next, held.read.bytes)) return lastWrite ?? result;
        // Still changing after every attempt: our last write (if any) stands.
        if (round >= attempts) break;

        const renamed = await this.#write(next, held.read);
        if (renamed) {
          lastWrite = { ...result, written: true };
          await this.#options.afterRename?.();
          // An in-place writer that opened the file before our rename wrote into the
          // inode we just replaced; one that read before it may have rewritten ours.
          const late = await lateWriteInto(held);
          if (late === undefined && (await holdsExactly(credentialsPath, next))) return lastWrite;
          held = await this.#readHeldAgain(held);
          // Their late bytes are the new base while the path still holds ours; a file
          // rewritten since is the base instead, and our keys go back into it.
          const ours = sameAsParts(next, held.read.bytes);
          base = (late !== undefined && ours ? late : held.read.bytes) ?? EMPTY;
        } else {
          held = await this.#readHeldAgain(held);
          base = held.read.bytes ?? EMPTY;
        }
      }
    } finally {
      await held.handle?.close();
    }
    if (lastWrite) return lastWrite;
    throw new CredentialsFileError(
      'io',
      `${credentialsPath} kept changing while Switchyard was updating it (${attempts} attempts); ` +
        'nothing was written. Try again.',
    );
  }

  /** Temp file and rename, unless the file changed since `guard` was read. */
  async #write(next: readonly Uint8Array[], guard: StableRead): Promise<boolean> {
    const { credentialsPath } = this.#paths;
    return writeFileAtomic(credentialsPath, next, {
      beforeRename: async () => {
        await this.#options.beforeRename?.();
        // Writers that skip our lock (`aws configure set`) may have changed the
        // file since we read it; renaming now would silently drop their edit.
        // Its stamp, or two agreeing reads: mid-write, an appending writer's file
        // can still equal what we read, and our rename would cut its write off.
        const unchanged = await unchangedSince(credentialsPath, guard);
        if (unchanged) await this.#options.afterCheck?.();
        return unchanged;
      },
    });
  }

  async #readHeld(path: string): Promise<HeldRead> {
    return readHeld(path, (p) => this.#read(p));
  }

  async #readHeldAgain(previous: HeldRead): Promise<HeldRead> {
    await previous.handle?.close();
    return this.#readHeld(this.#paths.credentialsPath);
  }

  #assertUtf8(bytes: Uint8Array): Uint8Array {
    assertUtf8(bytes, this.#paths.credentialsPath);
    return bytes;
  }

  async #snapshot(): Promise<FilesSnapshot> {
    const [credentials, config] = await Promise.all([
      this.#readText(this.#paths.credentialsPath),
      this.#readText(this.#paths.configPath),
    ]);
    return this.#files(parseIni(credentials), parseIni(config));
  }

  #files(credentials: FilesSnapshot['credentials'], config: FilesSnapshot['config']) {
    return { credentials, config, ...this.#paths };
  }

  /** A missing file reads as empty. */
  async #readText(path: string): Promise<string> {
    const { bytes } = await this.#read(path);
    return bytes ? decodeUtf8(bytes, path) : '';
  }

  async #read(path: string): Promise<StableRead> {
    try {
      return await readStable(path);
    } catch (error) {
      if (error instanceof UnstableFileError || errorCode(error) === undefined) throw error;
      throw new CredentialsFileError('io', fsErrorMessage(error, path, 'read'), { cause: error });
    }
  }
}

function validateChange(change: ProfileChange): void {
  assertProfileName(change.profile);
  if (change.type !== 'put') return;
  assertValue(ROLE_ARN_MARKER_KEY, change.roleArn);
  if (!Number.isFinite(change.credentials.expiresAt)) {
    throw new InputError('expiresAt', `the expiry for profile "${change.profile}" is not a time`);
  }
}

function toCredentialsFileError(error: unknown, credentialsPath: string): Error {
  if (error instanceof CredentialsFileError || error instanceof InputError) return error;
  if (error instanceof LockTimeoutError) {
    return new CredentialsFileError('lock', error.message, { cause: error });
  }
  if (error instanceof AtomicWriteError || error instanceof UnstableFileError) {
    return new CredentialsFileError('io', error.message, { cause: error });
  }
  if (errorCode(error) !== undefined) {
    // Raised while taking the lock, e.g. the folder is read-only.
    const path = (error as { path?: unknown }).path;
    const named = typeof path === 'string' ? path : credentialsPath;
    return new CredentialsFileError(
      'io',
      `${fsErrorMessage(error, named, 'write')}; nothing was changed`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
