import { statSync } from 'node:fs';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { CatalogFileError } from './catalog-file-error';

/**
 * Whether catalog.json exists. Only "no such file" means no: a file that
 * cannot be looked at (a folder without search permission, a parent that is
 * a file) is a CatalogFileError naming it, never an empty catalog, or a
 * command would report "no roles" and succeed.
 */
export function catalogFileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw new CatalogFileError(
      `Switchyard's catalog: ${fsErrorMessage(error, path, 'read')}`,
      path,
      'io',
      undefined,
      { cause: error },
    );
  }
}
