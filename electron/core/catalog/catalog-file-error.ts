/** What is wrong with catalog.json. */
export type CatalogFileProblem =
  /** Not UTF-8 text. */
  | 'encoding'
  /** Not JSON. */
  | 'syntax'
  /** JSON, but not a valid catalog (schema or field rules). */
  | 'content'
  /** Written by a newer Switchyard; left alone, not broken. */
  | 'newer-version'
  /** The file or its folder could not be read or written. */
  | 'io';

/**
 * catalog.json cannot be used. The message is one line naming the file, the
 * problem (with line and column when it is a syntax error) and the fix. A
 * broken file is never rewritten: it stays byte-identical, and `copyPath` is
 * the copy set aside next to it.
 */
export class CatalogFileError extends Error {
  override readonly name = 'CatalogFileError';

  constructor(
    message: string,
    readonly path: string,
    readonly problem: CatalogFileProblem,
    readonly copyPath?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
