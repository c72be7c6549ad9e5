import type { RoleEntry } from '../../../shared/model';
import type { CatalogStore } from './catalog-store';
import { CATALOG_VERSION } from './catalog-schema';

/** The `format` marker of a shared catalog file. */
export const CATALOG_EXPORT_FORMAT = 'switchyard-catalog';

/** A catalog file for sharing a team's roles: roles only, no settings, no secrets. */
export interface CatalogExport {
  readonly format: typeof CATALOG_EXPORT_FORMAT;
  readonly version: number;
  readonly roles: readonly RoleEntry[];
}

/** The role without `importedFrom`: that names a profile in one machine's own config. */
export function withoutImportLink(role: RoleEntry): RoleEntry {
  if (role.importedFrom === undefined) return role;
  const copy: { -readonly [K in keyof RoleEntry]?: RoleEntry[K] } = { ...role };
  delete copy.importedFrom;
  return copy as RoleEntry;
}

/**
 * The catalog's roles as a shareable JSON file. Keychain source names stay
 * (they are names, not keys: each person stores their own keys under them);
 * `importedFrom` is dropped, since it names a profile in this machine's config.
 */
export function exportCatalog(store: CatalogStore): string {
  const roles = store.list().map(withoutImportLink);
  const file: CatalogExport = { format: CATALOG_EXPORT_FORMAT, version: CATALOG_VERSION, roles };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}
