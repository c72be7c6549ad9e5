import { InputError } from '../../../shared/input-error';
import { quoteValue } from '../../../shared/quote-value';
import type { CatalogDocument } from './catalog-document';
import type { CatalogFileProblem } from './catalog-file-error';
import { documentVersion, migrateCatalog } from './catalog-migrations';
import { CATALOG_VERSION } from './catalog-schema';
import { checkCatalogDocument } from './check-catalog-document';
import { describeJsonError } from './json-error-location';
import { byteLineColumn, findInvalidUtf8 } from './utf8-check';
import { isObject } from './is-object';

/** Why catalog.json's text is unusable; the message continues "Switchyard's catalog <path> …". */
export class CatalogDecodeError extends Error {
  override readonly name = 'CatalogDecodeError';

  constructor(
    readonly problem: Exclude<CatalogFileProblem, 'io'>,
    message: string,
  ) {
    super(message);
  }
}

export interface DecodedCatalog {
  /** The version the file was written as; below CATALOG_VERSION when `doc` was migrated in memory. */
  readonly diskVersion: number;
  /** The checked, normalized, current-version document. */
  readonly doc: CatalogDocument;
}

/**
 * Reads catalog.json's text strictly: UTF-8 (Node's lenient decoding left
 * U+FFFD where bytes were bad, so `readBytes` re-reads the file to tell those
 * from a real U+FFFD), JSON with the line and column of a syntax error, a known
 * version (older ones are migrated in memory), then every field and rule.
 * A leading byte-order mark is allowed.
 */
export function decodeCatalogText(text: string, readBytes: () => Uint8Array): DecodedCatalog {
  let source = text;
  if (source.includes('\uFFFD')) {
    const bytes = readBytes();
    const bad = findInvalidUtf8(bytes);
    if (bad >= 0) {
      const { line, column } = byteLineColumn(bytes, bad);
      const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
      throw new CatalogDecodeError(
        'encoding',
        `is not valid UTF-8 text (byte 0x${byte} at line ${line}, column ${column})`,
      );
    }
  }
  if (source.startsWith('\uFEFF')) source = source.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new CatalogDecodeError(
      'syntax',
      `is not valid JSON: ${describeJsonError(source, error)}`,
    );
  }
  if (!isObject(parsed)) throw new CatalogDecodeError('content', 'is not a JSON object ({ … })');
  const version = documentVersion(parsed);
  if (version === undefined) {
    throw new CatalogDecodeError(
      'content',
      `has a "version" that is not a whole number (${quoteValue(String(parsed.version))})`,
    );
  }
  if (version > CATALOG_VERSION) {
    throw new CatalogDecodeError(
      'newer-version',
      `was written by a newer Switchyard (catalog version ${version}; this one reads up to ${CATALOG_VERSION})`,
    );
  }
  try {
    const current = version < CATALOG_VERSION ? migrateCatalog(parsed, version) : parsed;
    return { diskVersion: version, doc: checkCatalogDocument(current) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new CatalogDecodeError('content', `is not a valid catalog: ${error.message}`);
  }
}
