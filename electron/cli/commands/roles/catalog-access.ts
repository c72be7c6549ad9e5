import { join } from 'node:path';
import type { RoleEntry } from '../../../../shared/model';
import { catalogFileExists } from '../../../core/catalog/catalog-exists';
import { CatalogFileError } from '../../../core/catalog/catalog-file-error';
import { CATALOG_FILE_NAME, catalogDir } from '../../../core/catalog/catalog-paths';
import { CatalogStore } from '../../../core/catalog/catalog-store';

/** Where catalog.json lives for this run (SWITCHYARD_CONFIG_DIR or the app's folder). */
export function catalogPath(): string {
  return join(catalogDir(), CATALOG_FILE_NAME);
}

/** Most catalog errors name the file already; the few that name only a folder get it added. */
function namingTheFile(error: unknown, path: string): unknown {
  if (!(error instanceof CatalogFileError) || error.message.includes(path)) return error;
  return new CatalogFileError(
    `${error.message} (catalog: ${path})`,
    error.path,
    error.problem,
    error.copyPath,
    { cause: error },
  );
}

/** Opens the catalog (creating it when missing) and runs `use` on it; errors name the file. */
export function withCatalog<T>(use: (store: CatalogStore) => T): T {
  const path = catalogPath();
  try {
    return use(CatalogStore.open());
  } catch (error) {
    throw namingTheFile(error, path);
  }
}

/**
 * The catalog's roles, or none when there is no catalog file yet. Opening the
 * store creates the file, and a command that ends up changing nothing (a dry
 * run, a refused edit) must leave no file behind.
 */
export function currentRoles(): readonly RoleEntry[] {
  if (!catalogFileExists(catalogPath())) return [];
  return withCatalog((store) => store.list());
}
