import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Conf from 'conf';
import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry, Settings } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { fileStampOf, sameFileStamp, type FileStamp } from '../fs/file-stamp';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { catalogConfOptions } from './catalog-conf-options';
import { CatalogDecodeError, decodeCatalogText, type DecodedCatalog } from './decode-catalog-text';
import type { CatalogData, CatalogDocument } from './catalog-document';
import { CatalogFileError, type CatalogFileProblem } from './catalog-file-error';
import { CATALOG_FILE_NAME, catalogDir } from './catalog-paths';
import { CATALOG_DEFAULTS, CATALOG_VERSION } from './catalog-schema';
import { checkRoleEntry } from './check-role';
import { checkSettings } from './check-settings';
import { RoleIndex, requireRole } from './find-role';
import { keepAside } from './keep-aside';
import { checkRolePlacement, dependentsOf, RoleGraph } from './role-graph';
import { ensureOwnerOnlyFolder, restrictFileToOwner } from './owner-only';
import { newRoleId } from './role-id';
import { applyRolePatch, type RoleInput, type RolePatch } from './role-input';
import { isObject } from './is-object';

export interface CatalogStoreOptions {
  /** Folder of catalog.json; default catalogDir() (SWITCHYARD_CONFIG_DIR or Electron's userData). */
  readonly dir?: string;
  /**
   * Notice edits made by other processes (the CLI, another app instance, a
   * text editor) and report them through onDidChange. See the class comment.
   */
  readonly watch?: boolean;
  /** Clock for the names of set-aside copies. */
  readonly now?: () => Date;
}

export interface UpsertResult {
  readonly added: readonly RoleEntry[];
  readonly updated: readonly RoleEntry[];
}

type MutableDocument = { -readonly [K in keyof CatalogDocument]: CatalogDocument[K] };

const FIX_BROKEN = 'Fix it in a text editor, or move it away to start with an empty catalog';

function describeRole(role: RoleEntry): string {
  return `${quoteValue(role.label)} (id ${role.id})`;
}

/**
 * The role catalog in catalog.json, through conf (electron-store's core).
 *
 * Reading: every call here sees the file as it is now, whoever wrote it. conf
 * reads, parses and schema-checks the file on every access, which for a large
 * catalog costs milliseconds (one read per role made activating 5,000 roles
 * take minutes), so the store keeps the last document it read and hands it out
 * again while the file is provably the same: its stat (device, inode, size,
 * mtime and ctime to the nanosecond) is unchanged and its mtime is old enough
 * that a later write could not share it (see RACY_MS). Otherwise the file's
 * text is read and compared with the text behind the kept document, and only
 * different text goes through conf again. invalidate() drops the trust in the
 * stat (a watcher that saw the file change calls it). The file is checked
 * strictly whenever its text is new (UTF-8, JSON, then every field); a broken
 * file is an error, never cleared or rewritten, and a copy is kept aside.
 *
 * Writing: each change is read, modify, check, then one atomic write (conf's
 * `atomically`: temp file beside it, fsync, rename; mode 0600). There is no
 * lock between processes: two processes changing the catalog in the same few
 * milliseconds both succeed and the later write wins as a whole document.
 * Catalog changes are rare user actions, so this is accepted; a broken file
 * is never the result.
 *
 * Change events: conf tells its own instance about its own writes. With
 * `watch: true` conf also watches the file (fs.watch on the folder with a
 * 100 ms debounce on macOS and Windows; fs.watchFile polling, about every 5 s
 * plus a 1 s debounce, on Linux), so other processes' edits reach onDidChange
 * after that delay. Without `watch`, they are seen on the next read only.
 */
export class CatalogStore {
  /** Absolute path of catalog.json. */
  readonly path: string;
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #conf: Conf<Record<string, unknown>>;
  /** The version of the file as last read from disk (before in-memory migration). */
  #diskVersion = CATALOG_VERSION;
  #decoded: { text: string; version: number; doc: CatalogDocument } | undefined;
  /** The document last read, with the file's stat then (undefined: the stat proves nothing). */
  #kept: { doc: CatalogDocument; text: string; stamp: TakenStamp | undefined } | undefined;
  #index: RoleIndex | undefined;

  /**
   * Opens (creating when missing) the catalog. Throws CatalogFileError when
   * the file is broken, from a newer Switchyard, or unreadable; the file is
   * then left exactly as it was.
   */
  static open(options: CatalogStoreOptions = {}): CatalogStore {
    return new CatalogStore(options);
  }

  private constructor(options: CatalogStoreOptions) {
    this.#dir = options.dir ?? catalogDir();
    this.path = join(this.#dir, CATALOG_FILE_NAME);
    this.#now = options.now ?? (() => new Date());
    this.#prepareFolder();
    try {
      restrictFileToOwner(this.path);
      this.#conf = new Conf<Record<string, unknown>>({
        ...catalogConfOptions(this.#dir),
        deserialize: (text) => this.#decode(text) as unknown as Record<string, unknown>,
        watch: options.watch ?? false,
      });
    } catch (error) {
      throw this.#fileError(error);
    }
    // Save a migrated file at once, so every later reader finds the current version.
    if (this.#diskVersion < CATALOG_VERSION) this.#write(this.#read());
  }

  /**
   * Forgets that the file's stat vouches for the kept document: the next read
   * reads the text again (and re-checks it only if it differs). For watchers
   * that saw the file change, in case an edit left the stat as it was.
   */
  invalidate(): void {
    if (this.#kept) this.#kept.stamp = undefined;
  }

  /** Stops watching the file (only needed with `watch: true`). */
  close(): void {
    this.#conf._closeWatcher();
  }

  snapshot(): CatalogData {
    const { roles, settings, defaultRoleId } = this.#read();
    return defaultRoleId === undefined ? { roles, settings } : { roles, settings, defaultRoleId };
  }

  list(): readonly RoleEntry[] {
    return this.#read().roles;
  }

  /** The role with this id, else the one with this label (any case); undefined when none. */
  find(idOrLabel: string): RoleEntry | undefined {
    return this.#roleIndex().find(idOrLabel);
  }

  /** Like find, but a name that matches nothing is an InputError. */
  get(idOrLabel: string): RoleEntry {
    return this.#roleIndex().require(idOrLabel);
  }

  /** Lookups by id and label of the current roles, built once per document. */
  #roleIndex(): RoleIndex {
    const roles = this.list();
    if (this.#index?.roles !== roles) this.#index = new RoleIndex(roles);
    return this.#index;
  }

  /** Checks and adds a role under a new id. */
  add(input: RoleInput): RoleEntry {
    return this.#mutate((doc) => {
      if (!isObject(input))
        throw inputError('role', 'must be an object', "give the role's fields as an object");
      if ('id' in input) throw inputError('id', 'is chosen by Switchyard', 'leave it out');
      const entry = checkRoleEntry({
        ...input,
        id: newRoleId(new Set(doc.roles.map((role) => role.id))),
      });
      checkRolePlacement(entry, doc.roles);
      doc.roles = [...doc.roles, entry];
      return entry;
    });
  }

  /** Changes some fields of a role (see RolePatch); the id never changes. */
  update(idOrLabel: string, patch: RolePatch): RoleEntry {
    return this.#mutate((doc) => {
      const current = requireRole(doc.roles, idOrLabel);
      const entry = checkRoleEntry(applyRolePatch(current, patch));
      const others = doc.roles.filter((role) => role.id !== current.id);
      checkRolePlacement(entry, others);
      doc.roles = doc.roles.map((role) => (role.id === current.id ? entry : role));
      return entry;
    });
  }

  /** Removes a role; refused while other roles chain from it. */
  remove(idOrLabel: string): RoleEntry {
    return this.#mutate((doc) => {
      const role = requireRole(doc.roles, idOrLabel);
      const dependents = dependentsOf(doc.roles, role.id);
      if (dependents.length > 0) {
        throw inputError(
          'role',
          `${describeRole(role)} is the source of ${dependents.map(describeRole).join(', ')}`,
          'give those roles another source, or remove them first',
        );
      }
      doc.roles = doc.roles.filter((other) => other.id !== role.id);
      if (doc.defaultRoleId === role.id) delete doc.defaultRoleId;
      return role;
    });
  }

  /**
   * Adds or replaces whole roles by id, as one checked change and one write:
   * if any role or the resulting catalog is invalid, nothing is written.
   */
  upsertMany(entries: readonly RoleEntry[]): UpsertResult {
    return this.#mutate((doc) => {
      const checked = entries.map((raw, index) => {
        try {
          return checkRoleEntry(raw);
        } catch (error) {
          throw inRole(error, `role ${index + 1} of ${entries.length}`);
        }
      });
      const byId = new Map(doc.roles.map((role) => [role.id, role]));
      const added: RoleEntry[] = [];
      const updated: RoleEntry[] = [];
      const changed = new Set<string>();
      for (const entry of checked) {
        if (changed.has(entry.id)) {
          throw inputError(
            'id',
            `${quoteValue(entry.id)} appears twice in one change`,
            'give each role its own id',
          );
        }
        changed.add(entry.id);
        (byId.has(entry.id) ? updated : added).push(entry);
        byId.set(entry.id, entry);
      }
      const roles = [...byId.values()];
      // One index for all the checks (ids are unique here): linear, not N scans of N roles.
      const graph = new RoleGraph(roles);
      for (const entry of checked) {
        try {
          graph.checkPlacement(entry, entry.id);
        } catch (error) {
          throw inRole(error, `role ${describeRole(entry)}`);
        }
      }
      doc.roles = roles;
      return { added, updated };
    });
  }

  settings(): Settings {
    return this.#read().settings;
  }

  /** Changes some settings; unknown names and bad values are InputErrors (field `settings.<name>`). */
  updateSettings(patch: Partial<Settings>): Settings {
    return this.#mutate((doc) => {
      if (!isObject(patch))
        throw inputError(
          'settings',
          'changes must be an object',
          'give the settings to change as an object',
        );
      doc.settings = checkSettings(patch, doc.settings);
      return doc.settings;
    });
  }

  defaultRoleId(): string | undefined {
    return this.#read().defaultRoleId;
  }

  /** Makes a role (by id or label) the default, or clears the default with undefined. */
  setDefault(idOrLabel: string | undefined): RoleEntry | undefined {
    return this.#mutate((doc) => {
      if (idOrLabel === undefined) {
        delete doc.defaultRoleId;
        return undefined;
      }
      const role = requireRole(doc.roles, idOrLabel);
      doc.defaultRoleId = role.id;
      return role;
    });
  }

  /**
   * Calls `listener` with the new catalog whenever it changes: through this
   * store at once, through other processes when opened with `watch: true`.
   * A file broken by someone else goes to `onError` (never thrown from the
   * event). Returns the function that unsubscribes.
   */
  onDidChange(
    listener: (catalog: CatalogData) => void,
    onError?: (error: CatalogFileError) => void,
  ): () => void {
    let last: CatalogData | undefined;
    try {
      last = this.snapshot();
    } catch {
      last = undefined;
    }
    const handle = (): void => {
      let next: CatalogData;
      try {
        next = this.snapshot();
      } catch (error) {
        if (error instanceof CatalogFileError) onError?.(error);
        return;
      }
      if (isDeepStrictEqual(next, last)) return;
      last = next;
      listener(next);
    };
    this.#conf.events.addEventListener('change', handle);
    return () => this.#conf.events.removeEventListener('change', handle);
  }

  #mutate<T>(change: (doc: MutableDocument) => T): T {
    const current = this.#read();
    const doc: MutableDocument = { ...current, roles: [...current.roles] };
    const result = change(doc);
    if (!isDeepStrictEqual(doc, current)) this.#write(doc);
    return result;
  }

  #read(): CatalogDocument {
    // The stat comes first: a write after it changes the stat the next read sees.
    const stamp = fileStamp(this.path);
    const kept = this.#kept;
    if (kept && stamp) {
      if (kept.stamp && sameFileStamp(kept.stamp, stamp)) return kept.doc;
      const text = readText(this.path);
      if (text === kept.text) {
        kept.stamp = trustworthy(stamp) ? stamp : undefined;
        return kept.doc;
      }
    }
    this.#kept = undefined;
    let raw: Record<string, unknown>;
    try {
      raw = this.#conf.store;
    } catch (error) {
      throw this.#fileError(error);
    }
    // conf gives {} without calling deserialize when the file was deleted meanwhile.
    if (Object.keys(raw).length === 0) return { ...CATALOG_DEFAULTS, roles: [] };
    const { version, roles, settings, defaultRoleId } = raw as unknown as CatalogDocument;
    const doc: CatalogDocument =
      defaultRoleId === undefined
        ? { version, roles, settings }
        : { version, roles, settings, defaultRoleId };
    // Kept only when this document came from the text the stat was taken of (the
    // text decoded last); otherwise the next read compares the text again.
    const decoded = this.#decoded;
    if (stamp && decoded && decoded.doc.roles === roles) {
      this.#kept = {
        doc: Object.freeze(doc),
        text: decoded.text,
        stamp: trustworthy(stamp) ? stamp : undefined,
      };
    }
    return doc;
  }

  #write(doc: CatalogDocument): void {
    this.#prepareFolder();
    this.#backUpOlderVersion();
    this.#kept = undefined;
    try {
      this.#conf.store = { ...doc } as unknown as Record<string, unknown>;
    } catch (error) {
      throw this.#fileError(error, 'write');
    }
  }

  /**
   * Strict reading of the file's text, for conf's `deserialize`: throws
   * CatalogFileError. conf reads the file on every access, so the result for
   * the last text seen is reused: checking a large catalog is what costs.
   */
  #decode(text: string): CatalogDocument {
    if (this.#decoded?.text === text) {
      this.#diskVersion = this.#decoded.version;
      return this.#decoded.doc;
    }
    let decoded: DecodedCatalog;
    try {
      decoded = decodeCatalogText(text, () => readFileSync(this.path));
    } catch (error) {
      if (!(error instanceof CatalogDecodeError)) throw error;
      if (error.problem !== 'newer-version') throw this.#broken(error.problem, error.message);
      throw new CatalogFileError(
        `Switchyard's catalog ${this.path} ${error.message}. Update Switchyard; the file was left as it is.`,
        this.path,
        'newer-version',
      );
    }
    this.#diskVersion = decoded.diskVersion;
    // Frozen, because every later read hands out these same objects.
    const doc = deepFreeze(decoded.doc);
    this.#decoded = { text, version: decoded.diskVersion, doc };
    return doc;
  }

  /** A CatalogFileError for a broken file, after keeping a copy of it aside. */
  #broken(problem: CatalogFileProblem, what: string): CatalogFileError {
    let copyPath: string | undefined;
    let copyNote: string;
    try {
      copyPath = keepAside(this.path, 'broken', this.#now());
      copyNote = `A copy was saved as ${copyPath}.`;
    } catch (error) {
      copyNote = `(No copy could be saved: ${fsErrorMessage(error, this.#dir, 'write')}.)`;
    }
    return new CatalogFileError(
      `Switchyard's catalog ${this.path} ${what}. ${FIX_BROKEN}. ${copyNote}`,
      this.path,
      problem,
      copyPath,
    );
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
      return this.#broken('content', `is not a valid catalog: ${error.message}`);
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /**
   * Before the first write over an older-version file, the old file is kept
   * aside (`catalog.v0-<time>.json`): a migration is a rewrite the user did not
   * ask for, so it must be undoable by hand.
   */
  #backUpOlderVersion(): void {
    const from = this.#diskVersion;
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
    this.#diskVersion = CATALOG_VERSION;
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

/** The file's stamp and when it was taken; equal stamps mean the same bytes (see RACY_MS). */
interface TakenStamp extends FileStamp {
  /** When the stat was taken (wall clock, ns). */
  readonly takenNs: bigint;
}

/**
 * A file modified this close to the moment it was stat'ed may be modified again
 * within the same timestamp tick (coarse kernel clocks, 2 s on FAT), leaving
 * size and mtime as they were: such a stat does not vouch for the content (the
 * "racily clean" case git knows), and the text is compared instead.
 */
const RACY_MS = 2_000n;

function fileStamp(path: string): TakenStamp | undefined {
  let stats: BigIntStats;
  try {
    stats = statSync(path, { bigint: true });
  } catch {
    return undefined; // missing or unreadable: conf's read reports it
  }
  return { ...fileStampOf(stats), takenNs: BigInt(Date.now()) * 1_000_000n };
}

/**
 * Content writes set mtime to the current time, so once mtime is older than any
 * tick a later write can only give it a new value; setting it back (utimes)
 * changes ctime, which must match too.
 */
function trustworthy(stamp: TakenStamp): boolean {
  return stamp.takenNs - stamp.mtimeNs > RACY_MS * 1_000_000n;
}

/** The file's text as conf reads it; undefined when it cannot be read (conf then reports why). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** "profile: <problem>" becomes "profile: in role X: <problem>", keeping the field first. */
function inRole(error: unknown, where: string): unknown {
  if (!(error instanceof InputError)) return error;
  const head = `${error.field}: `;
  const rest = error.message.startsWith(head) ? error.message.slice(head.length) : error.message;
  return new InputError(error.field, `${head}in ${where}: ${rest}`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
