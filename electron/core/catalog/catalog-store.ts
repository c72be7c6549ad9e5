import { isDeepStrictEqual } from 'node:util';
import type { RoleEntry, Settings } from '../../../shared/model';
import type { AccountNames } from '../../../shared/account-name';
import type { SubscriptionRecord } from '../../../shared/subscription-model';
import { followCatalogChanges } from './catalog-changes';
import type { CatalogData, CatalogDocument } from './catalog-document';
import { CatalogFile, type CatalogBackingStoreFactory } from './catalog-file';
import type { CatalogFileError } from './catalog-file-error';
import { catalogDir } from './catalog-paths';
import { checkAccountNames } from './check-accounts';
import {
  addRole,
  changeSettings,
  removeRole,
  setDefaultRole,
  updateRole,
  type MutableDocument,
} from './document-edits';
import { RoleIndex } from './find-role';
import type { RoleInput, RolePatch } from './role-input';
import { rewriteDocument, type DocumentRewrite } from './rewrite-document';
import { upsertRoles } from './upsert-roles';

export type { CatalogBackingStore, CatalogBackingStoreFactory } from './catalog-file';

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
  /**
   * Builds the conf-compatible store behind the file; default conf's Conf. The
   * Electron main process passes electron-store's Store (same options, same
   * file, same schema as the CLI).
   */
  readonly createStore?: CatalogBackingStoreFactory;
}

export interface UpsertResult {
  readonly added: readonly RoleEntry[];
  readonly updated: readonly RoleEntry[];
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
 *
 * The file itself (conf, the strict decoder, the stat-vouched cache, the file
 * rules) is CatalogFile's; this class is the catalog's operations.
 */
export class CatalogStore {
  /** Absolute path of catalog.json. */
  readonly path: string;
  readonly #file: CatalogFile;
  #index: RoleIndex | undefined;
  /** The last snapshot and the document it was made from (asked per request by the endpoint). */
  #snapshot: { readonly doc: CatalogDocument; readonly data: CatalogData } | undefined;

  /**
   * Opens (creating when missing) the catalog. Throws CatalogFileError when
   * the file is broken, from a newer Switchyard, or unreadable; the file is
   * then left exactly as it was.
   */
  static open(options: CatalogStoreOptions = {}): CatalogStore {
    return new CatalogStore(options);
  }

  private constructor(options: CatalogStoreOptions) {
    this.#file = new CatalogFile({
      dir: options.dir ?? catalogDir(),
      watch: options.watch ?? false,
      now: options.now ?? (() => new Date()),
      createStore: options.createStore,
    });
    this.path = this.#file.path;
    // Save a migrated file at once, so every later reader finds the current version.
    if (this.#file.outdated) this.#file.write(this.#file.read());
  }

  /**
   * Forgets that the file's stat vouches for the kept document: the next read
   * reads the text again (and re-checks it only if it differs). For watchers
   * that saw the file change, in case an edit left the stat as it was.
   */
  invalidate(): void {
    this.#file.invalidate();
  }

  /** Stops watching the file (only needed with `watch: true`). */
  close(): void {
    this.#file.close();
  }

  /** The catalog's data: the same frozen object for as long as the document read is the same. */
  snapshot(): CatalogData {
    const doc = this.#read();
    if (this.#snapshot?.doc === doc) return this.#snapshot.data;
    const { roles, settings, defaultRoleId, subscriptions, accounts } = doc;
    const data: { -readonly [K in keyof CatalogData]: CatalogData[K] } = { roles, settings };
    if (defaultRoleId !== undefined) data.defaultRoleId = defaultRoleId;
    if (subscriptions !== undefined) data.subscriptions = subscriptions;
    if (accounts !== undefined) data.accounts = accounts;
    Object.freeze(data);
    this.#snapshot = { doc, data };
    return data;
  }

  /** Account id → alias and colour. */
  accounts(): AccountNames {
    return this.#read().accounts ?? {};
  }

  /**
   * Changes the account names in one checked write: `change` gets them as they
   * are now and returns the new ones (undefined: write nothing) and its result.
   * See account-names.ts for the changes themselves.
   */
  changeAccounts<T>(
    change: (names: AccountNames) => { readonly names?: AccountNames; readonly result: T },
  ): T {
    return this.#mutate((doc) => {
      const next = change(doc.accounts ?? {});
      if (next.names === undefined) return next.result;
      const accounts = checkAccountNames(next.names);
      if (accounts === undefined) delete doc.accounts;
      else doc.accounts = accounts;
      return next.result;
    });
  }

  /** The team catalog subscriptions, in the order they were added. */
  subscriptions(): readonly SubscriptionRecord[] {
    return this.#read().subscriptions ?? [];
  }

  /**
   * Replaces the roles, subscriptions and/or account names in one checked
   * write: `change` gets the document as it is now and returns the new lists
   * (or undefined to write nothing) and its result. The whole document is
   * checked before the write; any problem is an InputError and nothing is
   * written. Subscription
   * syncs go through here, so a plan and its write see the same catalog.
   */
  rewrite<T>(change: (doc: CatalogDocument) => DocumentRewrite & { readonly result: T }): T {
    return this.#mutate((doc) => {
      const next = change(doc);
      if (
        next.roles !== undefined ||
        next.subscriptions !== undefined ||
        next.accounts !== undefined
      ) {
        const checked = rewriteDocument(doc, next);
        doc.roles = checked.roles;
        if (checked.subscriptions) doc.subscriptions = checked.subscriptions;
        else delete doc.subscriptions;
        if (checked.accounts) doc.accounts = checked.accounts;
        else delete doc.accounts;
        if (checked.defaultRoleId === undefined) delete doc.defaultRoleId;
      }
      return next.result;
    });
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
    return this.#mutate((doc) => addRole(doc, input));
  }

  /** Changes some fields of a role (see RolePatch); the id never changes. */
  update(idOrLabel: string, patch: RolePatch): RoleEntry {
    return this.#mutate((doc) => updateRole(doc, idOrLabel, patch));
  }

  /** Removes a role; refused while other roles chain from it. */
  remove(idOrLabel: string): RoleEntry {
    return this.#mutate((doc) => removeRole(doc, idOrLabel));
  }

  /**
   * Adds or replaces whole roles by id, as one checked change and one write:
   * if any role or the resulting catalog is invalid, nothing is written.
   */
  upsertMany(entries: readonly RoleEntry[]): UpsertResult {
    return this.#mutate((doc) => {
      const { roles, added, updated } = upsertRoles(doc.roles, entries);
      doc.roles = roles;
      return { added, updated };
    });
  }

  settings(): Settings {
    return this.#read().settings;
  }

  /** Changes some settings; unknown names and bad values are InputErrors (field `settings.<name>`). */
  updateSettings(patch: Partial<Settings>): Settings {
    return this.#mutate((doc) => changeSettings(doc, patch));
  }

  defaultRoleId(): string | undefined {
    return this.#read().defaultRoleId;
  }

  /** Makes a role (by id or label) the default, or clears the default with undefined. */
  setDefault(idOrLabel: string | undefined): RoleEntry | undefined {
    return this.#mutate((doc) => setDefaultRole(doc, idOrLabel));
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
    return followCatalogChanges(this.#file.events, () => this.snapshot(), listener, onError);
  }

  #mutate<T>(change: (doc: MutableDocument) => T): T {
    const current = this.#file.read();
    const doc: MutableDocument = { ...current, roles: [...current.roles] };
    const result = change(doc);
    if (!isDeepStrictEqual(doc, current)) this.#file.write(doc);
    return result;
  }

  #read(): CatalogDocument {
    return this.#file.read();
  }
}
