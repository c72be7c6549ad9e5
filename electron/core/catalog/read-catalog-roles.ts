import { join } from 'node:path';
import type { RoleEntry } from '../../../shared/model';
import { readRegularFileSync } from '../fs/regular-file';
import { CatalogDecoder } from './catalog-decoder';
import { catalogFileExists } from './catalog-exists';
import { CATALOG_FILE_NAME, catalogDir } from './catalog-paths';
import { CatalogFileError } from './catalog-file-error';
import { fsErrorMessage } from '../fs/fs-error-message';

/**
 * The catalog's roles, read once and checked by the same strict decoder the
 * store uses (older versions migrated in memory, a broken file kept aside and
 * reported), without opening the store: conf compiles its JSON schema with
 * ajv on open, which is most of a cold start. For commands that only read
 * (`exec`, `env`). No file means no roles; nothing is created.
 */
export function readCatalogRoles(env: NodeJS.ProcessEnv = process.env): readonly RoleEntry[] {
  const dir = catalogDir(env);
  const path = join(dir, CATALOG_FILE_NAME);
  if (!catalogFileExists(path)) return [];
  let text: string;
  try {
    text = readRegularFileSync(path).toString('utf8');
  } catch (error) {
    throw new CatalogFileError(fsErrorMessage(error, path, 'read'), path, 'io');
  }
  return new CatalogDecoder(path, dir, () => new Date()).decode(text).roles;
}
