import type { RoleEntry, Settings } from '../../../shared/model';
import type { CatalogData } from '../catalog/catalog-document';

/** A role by id and the user's refresh margin (settings.refreshMarginSeconds) in ms. */
export interface RoleLookup {
  readonly role: RoleEntry | undefined;
  readonly marginMs: number;
}

/**
 * The endpoint's lookups in the catalog: one catalog read per request (a stat
 * of catalog.json, so a role removed a moment ago is refused at once), and the
 * answer from a table made once per catalog document. The document's roles
 * and settings are the same objects for as long as the file is the same, so a
 * request makes no scan, no closure and no result object.
 */
export class EndpointCatalog {
  readonly #snapshot: () => CatalogData;
  #roles: readonly RoleEntry[] | undefined;
  #settings: Settings | undefined;
  #byId = new Map<string, RoleLookup>();
  #missing: RoleLookup = { role: undefined, marginMs: 0 };

  constructor(snapshot: () => CatalogData) {
    this.#snapshot = snapshot;
  }

  lookup(roleId: string): RoleLookup {
    const { roles, settings } = this.#snapshot();
    if (roles !== this.#roles || settings !== this.#settings) this.#index(roles, settings);
    return this.#byId.get(roleId) ?? this.#missing;
  }

  #index(roles: readonly RoleEntry[], settings: Settings): void {
    const marginMs = settings.refreshMarginSeconds * 1000;
    const byId = new Map<string, RoleLookup>();
    // The first of a repeated id, as a scan of the list would find.
    for (const role of roles) if (!byId.has(role.id)) byId.set(role.id, { role, marginMs });
    this.#byId = byId;
    this.#missing = { role: undefined, marginMs };
    this.#roles = roles;
    this.#settings = settings;
  }
}
