import { statSync } from 'node:fs';
import type { AccountNames } from '../../../shared/account-name';
import type { RoleEntry, Settings } from '../../../shared/model';
import type { CatalogData } from '../catalog/catalog-document';
import { CatalogFileError } from '../catalog/catalog-file-error';
import type { CatalogStore } from '../catalog/catalog-store';
import { RoleIndex } from '../catalog/find-role';
import { fileStampOf, sameFileStamp, type FileStamp } from '../fs/file-stamp';

/** What the engine uses of the catalog: the store's reads and writes. */
export type EngineCatalog = Pick<
  CatalogStore,
  | 'path'
  | 'snapshot'
  | 'list'
  | 'find'
  | 'get'
  | 'settings'
  | 'defaultRoleId'
  | 'add'
  | 'update'
  | 'remove'
  | 'upsertMany'
  | 'updateSettings'
  | 'changeAccounts'
  | 'accounts'
  | 'setDefault'
  | 'onDidChange'
  | 'invalidate'
  | 'close'
>;

/** The catalog broke (`broken`: the one-line error) or is readable again. */
export interface CatalogNotice {
  readonly broken: boolean;
  readonly message: string;
}

/** A stat this old vouches for the bytes (the store's RACY_MS reasoning). */
const SETTLED_NS = 2_000_000_000n;

/**
 * The catalog as a long-running engine reads it. A file edited into something
 * that is not a valid catalog (a typo, a truncated or non-atomic save) must not
 * stop the refresher: reads go on from the last catalog that was valid, the
 * problem is told once per broken version of the file, and the fixed file is
 * used as soon as it reads valid again (which is told too). Writes go to the
 * store unchanged: on a broken file they fail with its clear error, so the
 * user's file is never overwritten.
 */
export class LastGoodCatalog implements EngineCatalog {
  readonly #store: CatalogStore;
  readonly #onNotice: (notice: CatalogNotice) => void;
  #good: CatalogData;
  #index: RoleIndex | undefined;
  /** What identifies the broken version last told (its kept-aside copy, else the message). */
  #brokenKey: string | undefined;
  /** The broken file's stat, when old enough to stand for its bytes: no re-read until it moves. */
  #brokenStamp: FileStamp | undefined;

  /** Reads the catalog once: a file broken at start-up is an error (nothing good to keep yet). */
  constructor(store: CatalogStore, onNotice: (notice: CatalogNotice) => void) {
    this.#store = store;
    this.#onNotice = onNotice;
    this.#good = store.snapshot();
  }

  get path(): string {
    return this.#store.path;
  }

  snapshot(): CatalogData {
    return this.#current();
  }

  list(): readonly RoleEntry[] {
    return this.#current().roles;
  }

  find(idOrLabel: string): RoleEntry | undefined {
    return this.#roleIndex().find(idOrLabel);
  }

  get(idOrLabel: string): RoleEntry {
    return this.#roleIndex().require(idOrLabel);
  }

  settings(): Settings {
    return this.#current().settings;
  }

  defaultRoleId(): string | undefined {
    return this.#current().defaultRoleId;
  }

  add(...args: Parameters<CatalogStore['add']>): RoleEntry {
    return this.#store.add(...args);
  }

  update(...args: Parameters<CatalogStore['update']>): RoleEntry {
    return this.#store.update(...args);
  }

  remove(...args: Parameters<CatalogStore['remove']>): RoleEntry {
    return this.#store.remove(...args);
  }

  upsertMany(
    ...args: Parameters<CatalogStore['upsertMany']>
  ): ReturnType<CatalogStore['upsertMany']> {
    return this.#store.upsertMany(...args);
  }

  updateSettings(patch: Partial<Settings>): Settings {
    return this.#store.updateSettings(patch);
  }

  accounts(): AccountNames {
    return this.#current().accounts ?? {};
  }

  changeAccounts<T>(
    change: (names: AccountNames) => { readonly names?: AccountNames; readonly result: T },
  ): T {
    return this.#store.changeAccounts(change);
  }

  setDefault(idOrLabel: string | undefined): RoleEntry | undefined {
    return this.#store.setDefault(idOrLabel);
  }

  onDidChange(...args: Parameters<CatalogStore['onDidChange']>): () => void {
    return this.#store.onDidChange(...args);
  }

  /** Someone saw the file change: read it again even if its stat looks the same. */
  invalidate(): void {
    this.#brokenStamp = undefined;
    this.#store.invalidate();
  }

  close(): void {
    this.#store.close();
  }

  #roleIndex(): RoleIndex {
    const roles = this.list();
    if (this.#index?.roles !== roles) this.#index = new RoleIndex(roles);
    return this.#index;
  }

  #current(): CatalogData {
    const stamp = this.#brokenStamp;
    if (stamp) {
      const now = stampOf(this.#store.path);
      if (now && sameFileStamp(now, stamp)) return this.#good;
      this.#brokenStamp = undefined;
    }
    try {
      this.#good = this.#store.snapshot();
    } catch (error) {
      if (!(error instanceof CatalogFileError)) throw error;
      this.#brokenStamp = settledStampOf(this.#store.path);
      const key = error.copyPath ?? error.message;
      if (key !== this.#brokenKey) {
        this.#brokenKey = key;
        this.#onNotice({ broken: true, message: error.message });
      }
      return this.#good;
    }
    if (this.#brokenKey !== undefined) {
      this.#brokenKey = undefined;
      this.#onNotice({
        broken: false,
        message: `Switchyard's catalog ${this.#store.path} is valid again and in use`,
      });
    }
    return this.#good;
  }
}

function stampOf(path: string): FileStamp | undefined {
  try {
    return fileStampOf(statSync(path, { bigint: true }));
  } catch {
    return undefined;
  }
}

/** The stat, if the file was last changed long enough ago that a later write must move it. */
function settledStampOf(path: string): FileStamp | undefined {
  const stamp = stampOf(path);
  if (!stamp) return undefined;
  return BigInt(Date.now()) * 1_000_000n - stamp.mtimeNs > SETTLED_NS ? stamp : undefined;
}
