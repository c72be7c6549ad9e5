import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { AtomicWriteError, writeFileAtomic } from '../fs/atomic-write';
import { LockTimeoutError, withLock, type LockOptions } from '../fs/file-lock';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { readRegularFile } from '../fs/regular-file';
import { parseState } from './parse-state';
import { isCorruptStateFile, StateFileError } from './state-file-error';
import { emptyState, serializeState, STATE_FILE_NAME, type SwitchyardState } from './state-model';

export interface StateFileOptions {
  /** SWITCHYARD_CONFIG_DIR. Created (0700) on first write. */
  readonly configDir: string;
  /** Cross-process lock tuning for update() and setAside(). */
  readonly lock?: Pick<LockOptions, 'timeoutMs' | 'staleMs'>;
  /**
   * Recovery from a damaged file: when given, a file that is not JSON or not
   * the shape we write is moved aside (state.json.corrupt-<time>) under the
   * lock and reading goes on from an empty state, which the refresher then
   * fills again from the sessions it holds; this is told once per file set
   * aside. Without it, reads and updates throw StateFileError('corrupt').
   */
  readonly onSetAside?: (notice: StateSetAsideNotice) => void;
}

export interface StateSetAsideNotice {
  readonly path: string;
  readonly aside: string;
  /** One line: what was wrong with the file, where it was moved, what happens next. */
  readonly message: string;
}

export interface StateFile {
  readonly path: string;
  /** The raw text, or undefined when the file does not exist. */
  readText(): Promise<string | undefined>;
  /**
   * The state; an empty one when the file does not exist (or was damaged and
   * set aside, with `onSetAside`). Throws StateFileError.
   */
  read(): Promise<SwitchyardState>;
  /**
   * Read-modify-write under the cross-process lock. `change` gets the current
   * state and returns the next one; returning the same object writes nothing.
   * A corrupt or newer-version file throws before `change` runs: it is never
   * overwritten blindly. `durable: false` skips the fsyncs (see
   * AtomicWriteOptions.durable): for changes a crash may lose harmlessly.
   */
  update(
    change: (current: SwitchyardState) => SwitchyardState,
    options?: { readonly durable?: boolean },
  ): Promise<SwitchyardState>;
  /**
   * Moves a damaged file aside (state.json.corrupt-<time>) under the lock and
   * returns the new path, so the state can be rebuilt while the user can still
   * look at the old file. Undefined if there was no file.
   */
  setAside(now?: number): Promise<string | undefined>;
}

/**
 * The shared state file. Serialized across processes with the same lock and
 * atomic write as the credentials file (`<path>.switchyard.lock`, temp file +
 * fsync + rename, 0600), so the app, the daemon and the CLI all honour it.
 */
export function openStateFile(options: StateFileOptions): StateFile {
  const path = join(options.configDir, STATE_FILE_NAME);

  const readText = async (): Promise<string | undefined> => {
    try {
      // Non-blocking: a FIFO or device here is refused in one line, never waited on.
      return (await readRegularFile(path)).toString('utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new StateFileError('io', path, fsErrorMessage(error, path, 'read'), { cause: error });
    }
  };
  const readStrict = async (): Promise<SwitchyardState> => {
    const text = await readText();
    return text === undefined ? emptyState() : parseState(text, path);
  };
  const moveAside = async (now: number): Promise<string | undefined> => {
    const stem = `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    // rename replaces silently: never over an earlier damaged copy (we hold the lock).
    let aside = stem;
    for (let n = 1; existsSync(aside); n += 1) aside = `${stem}-${n}`;
    try {
      await fsp.rename(path, aside);
      return aside;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  };
  /** Under the lock: a file still damaged is set aside (another process may have done it already). */
  const readOrSetAside = async (): Promise<SwitchyardState> => {
    try {
      return await readStrict();
    } catch (error) {
      const onSetAside = options.onSetAside;
      if (!isCorruptStateFile(error) || !onSetAside) throw error;
      const aside = await moveAside(Date.now());
      if (aside !== undefined) {
        onSetAside({
          path,
          aside,
          message: `${error.message}; moved it to ${aside} and started a new one (the refresher writes its sessions into it again)`,
        });
      }
      return emptyState();
    }
  };
  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await withLock(path, fn, options.lock);
    } catch (error) {
      if (error instanceof StateFileError) throw error;
      if (error instanceof LockTimeoutError) {
        throw new StateFileError('locked', path, `cannot update ${path}: ${error.message}`, {
          cause: error,
        });
      }
      if (error instanceof AtomicWriteError || errorCode(error) !== undefined) {
        const message =
          error instanceof AtomicWriteError ? error.message : fsErrorMessage(error, path, 'write');
        throw new StateFileError('io', path, message, { cause: error });
      }
      throw error;
    }
  };

  const read = async (): Promise<SwitchyardState> => {
    try {
      return await readStrict();
    } catch (error) {
      if (!isCorruptStateFile(error) || !options.onSetAside) throw error;
      return locked(readOrSetAside);
    }
  };

  return {
    path,
    readText,
    read,
    update: (change, updateOptions) =>
      locked(async () => {
        const current = await readOrSetAside();
        const next = change(current);
        if (next !== current) {
          await writeFileAtomic(path, serializeState(next), {
            durable: updateOptions?.durable ?? true,
          });
        }
        return next;
      }),
    setAside: (now = Date.now()) => locked(() => moveAside(now)),
  };
}
