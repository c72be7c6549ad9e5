import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { InputError } from '../../../shared/input-error';
import { sameMsStamp } from '../fs/file-stamp';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { giveFolderOwnerSync } from '../fs/keep-owner';
import { assertRegularIfExistsSync, readRegularFileSync } from '../fs/regular-file';
import { catalogConfOptions, type CatalogConfOptions } from './catalog-conf-options';
import { CatalogDecoder } from './catalog-decoder';
import type { CatalogDocument } from './catalog-document';
import { CatalogFileError } from './catalog-file-error';
import { CATALOG_FILE_NAME } from './catalog-paths';
import { CATALOG_DEFAULTS, CATALOG_VERSION } from './catalog-schema';
import { stampOf, statCatalog, trustworthy, type TakenStamp } from './catalog-stamp';
import { keepAside } from './keep-aside';
import { ensureOwnerOnlyFolder, restrictFileToOwner } from './owner-only';

/**
 * What CatalogFile needs of conf: conf's Conf itself, or electron-store's
 * Store (a Conf subclass) in the Electron main process.
 */
export interface CatalogBackingStore {
  store: Record<string, unknown>;
  readonly events: EventTarget;
  _closeWatcher(): void;
}

/** Builds the backing store from conf options (configName, cwd, deserialize, watch…). */
export type CatalogBackingStoreFactory = (options: CatalogConfOptions) => CatalogBackingStore;

export const confBackingStore: CatalogBackingStoreFactory = (options) =>
  new Conf<Record<string, unknown>>(options);

export interface CatalogFileOptions {
  readonly dir: string;
  readonly watch: boolean;
  readonly now: () => Date;
  readonly createStore?: CatalogBackingStoreFactory;
}

/**
 * catalog.json on disk: reads through conf with the strict decoder and a cache
 * vouched for by the file's stat, writes through conf's atomic write, and the
 * file rules (owner-only, regular files only, read-only respected, as root the
 * user's ownership kept). See CatalogStore for the reading and writing rules.
 */
export class CatalogFile {
  readonly path: string;
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #decoder: CatalogDecoder;
  readonly #conf: CatalogBackingStore;
  /** The document last read, with the file's stat then (undefined: the stat proves nothing). */
  #kept: { doc: CatalogDocument; text: string; stamp: TakenStamp | undefined } | undefined;

  constructor(options: CatalogFileOptions) {
    this.#dir = options.dir;
    this.path = join(this.#dir, CATALOG_FILE_NAME);
    this.#now = options.now;
    this.#decoder = new CatalogDecoder(this.path, this.#dir, this.#now);
    this.#prepareFolder();
    try {
      // Before anything touches it: conf would block on a FIFO, and chmod a device.
      assertRegularIfExistsSync(this.path);
      restrictFileToOwner(this.path);
      const existed = existsSync(this.path);
      this.#conf = (options.createStore ?? confBackingStore)({
        ...catalogConfOptions(this.#dir),
        deserialize: (text) => this.#decoder.decode(text) as unknown as Record<string, unknown>,
        watch: options.watch,
      });
      // conf writes the defaults into a new file at once.
      if (!existed && existsSync(this.path)) giveFolderOwnerSync(this.path);
    } catch (error) {
      throw this.#fileError(error);
    }
  }

  /** True when the file was written by an older Switchyard and is migrated in memory. */
  get outdated(): boolean {
    return this.#decoder.diskVersion < CATALOG_VERSION;
  }

  get events(): EventTarget {
    return this.#conf.events;
  }

  invalidate(): void {
    if (this.#kept) this.#kept.stamp = undefined;
  }

  close(): void {
    this.#conf._closeWatcher();
  }

  read(): CatalogDocument {
    let stamp: TakenStamp | undefined;
    let raw: Record<string, unknown>;
    try {
      // The stat comes first: a write after it changes the stat the next read sees.
      const stats = statCatalog(this.path);
      const kept = this.#kept;
      // Compared as it comes: the unchanged file (nearly every read) makes no stamp.
      if (kept?.stamp && stats && sameMsStamp(kept.stamp, stats)) return kept.doc;
      stamp = stats && stampOf(stats);
      if (kept && stamp) {
        const text = readText(this.path);
        if (text === kept.text) {
          kept.stamp = trustworthy(stamp) ? stamp : undefined;
          return kept.doc;
        }
      }
      this.#kept = undefined;
      raw = this.#conf.store;
    } catch (error) {
      throw this.#fileError(error);
    }
    // conf gives {} without calling deserialize when the file was deleted meanwhile.
    if (Object.keys(raw).length === 0) return { ...CATALOG_DEFAULTS, roles: [] };
    const { version, roles, settings, defaultRoleId, subscriptions, accounts } =
      raw as unknown as CatalogDocument;
    const doc: { -readonly [K in keyof CatalogDocument]: CatalogDocument[K] } = {
      version,
      roles,
      settings,
    };
    if (defaultRoleId !== undefined) doc.defaultRoleId = defaultRoleId;
    if (subscriptions !== undefined) doc.subscriptions = subscriptions;
    if (accounts !== undefined) doc.accounts = accounts;
    // Kept only when this document came from the text the stat was taken of (the
    // text decoded last); otherwise the next read compares the text again.
    const decoded = this.#decoder.last;
    if (stamp && decoded && decoded.doc.roles === roles) {
      this.#kept = {
        doc: Object.freeze(doc),
        text: decoded.text,
        stamp: trustworthy(stamp) ? stamp : undefined,
      };
    }
    return doc;
  }

  write(doc: CatalogDocument): void {
    this.#prepareFolder();
    this.#kept = undefined;
    let existed: boolean;
    try {
      existed = this.#checkWritable();
    } catch (error) {
      throw this.#fileError(error, 'write');
    }
    this.#backUpOlderVersion();
    try {
      this.#conf.store = { ...doc } as unknown as Record<string, unknown>;
      if (!existed) giveFolderOwnerSync(this.path);
    } catch (error) {
      throw this.#fileError(error, 'write');
    }
  }

  /**
   * Refuses a file that is not a regular one (conf reads it before it writes,
   * and would block on a FIFO) or that the user made read-only (by its mode
   * bits: as root, access() says yes to everything). True when the file exists.
   */
  #checkWritable(): boolean {
    assertRegularIfExistsSync(this.path);
    let mode: number;
    try {
      mode = statSync(this.path).mode;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
    if (process.platform !== 'win32' && (mode & 0o200) === 0) {
      const octal = (mode & 0o7777).toString(8).padStart(4, '0');
      throw new CatalogFileError(
        `Switchyard's catalog ${this.path} is read-only (mode ${octal}); make it writable (chmod u+w ${this.path}) to let Switchyard change it`,
        this.path,
        'io',
      );
    }
    return true;
  }

  #fileError(error: unknown, action: 'read' | 'write' = 'read'): Error {
    if (error instanceof CatalogFileError || error instanceof InputError) return error;
    if (errorCode(error) !== undefined) {
      return new CatalogFileError(
        `Switchyard's catalog: ${fsErrorMessage(error, this.path, action)}`,
        this.path,
        'io',
        undefined,
        { cause: error },
      );
    }
    // conf's own schema check runs after ours; reaching it means the two disagree.
    if (error instanceof Error && error.message.startsWith('Config schema violation:')) {
      return this.#decoder.broken('content', `is not a valid catalog: ${error.message}`);
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /**
   * Before the first write over an older-version file, the old file is kept
   * aside (`catalog.v0-<time>.json`): a migration is a rewrite the user did not
   * ask for, so it must be undoable by hand.
   */
  #backUpOlderVersion(): void {
    const from = this.#decoder.diskVersion;
    if (from >= CATALOG_VERSION) return;
    try {
      keepAside(this.path, `v${from}`, this.#now());
    } catch (error) {
      throw new CatalogFileError(
        `Switchyard's catalog ${this.path} needs updating from version ${from} to ${CATALOG_VERSION}, but no backup copy could be saved (${fsErrorMessage(error, this.#dir, 'write')}); the file was left as it is.`,
        this.path,
        'io',
      );
    }
    this.#decoder.diskVersion = CATALOG_VERSION;
  }

  #prepareFolder(): void {
    try {
      ensureOwnerOnlyFolder(this.#dir);
    } catch (error) {
      throw new CatalogFileError(
        `Switchyard's catalog folder: ${fsErrorMessage(error, this.#dir, 'write')}`,
        this.path,
        'io',
        undefined,
        { cause: error },
      );
    }
  }
}

/** The file's text as conf reads it; undefined when it cannot be read (conf then reports why). */
function readText(path: string): string | undefined {
  try {
    return readRegularFileSync(path).toString('utf8');
  } catch {
    return undefined;
  }
}
