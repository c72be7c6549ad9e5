import type { Options } from 'conf';
import { CATALOG_FILE_NAME } from './catalog-paths';
import { CATALOG_DEFAULTS, CATALOG_ROOT_SCHEMA, CATALOG_SCHEMA } from './catalog-schema';

export type CatalogConfOptions = Partial<Options<Record<string, unknown>>>;

/** Two-space JSON with a final newline: readable and diff-friendly when a user opens the file. */
export function serializeCatalog(value: unknown): string {
  return `${JSON.stringify(value, undefined, 2)}\n`;
}

/**
 * The conf options for catalog.json in `dir`, as plain data (electron-store
 * takes the same ones; it calls `configName` `name`). Invalid files are never
 * cleared, written owner-only, and keys are plain (a role label may hold dots).
 * CatalogStore adds a `deserialize` that checks the file strictly and migrates
 * older versions in memory.
 */
export function catalogConfOptions(dir: string): CatalogConfOptions {
  return {
    cwd: dir,
    configName: CATALOG_FILE_NAME.replace(/\.json$/, ''),
    fileExtension: 'json',
    schema: CATALOG_SCHEMA as unknown as NonNullable<CatalogConfOptions['schema']>,
    rootSchema: CATALOG_ROOT_SCHEMA,
    defaults: CATALOG_DEFAULTS as unknown as Record<string, unknown>,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    serialize: serializeCatalog,
  };
}
