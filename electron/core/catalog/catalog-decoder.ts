import type { CatalogDocument } from './catalog-document';
import { CatalogDecodeError, decodeCatalogText, type DecodedCatalog } from './decode-catalog-text';
import { CatalogFileError, type CatalogFileProblem } from './catalog-file-error';
import { CATALOG_VERSION } from './catalog-schema';
import { keepAside } from './keep-aside';
import { fsErrorMessage } from '../fs/fs-error-message';
import { readRegularFileSync } from '../fs/regular-file';

const FIX_BROKEN = 'Fix it in a text editor, or move it away to start with an empty catalog';

/**
 * The strict reading of catalog.json's text, for conf's `deserialize`: throws
 * CatalogFileError (a broken file gets a copy kept aside). conf reads the file
 * on every access, so the result for the last text seen is reused: checking a
 * large catalog is what costs.
 */
export class CatalogDecoder {
  /** The version of the file as last read from disk (before in-memory migration). */
  diskVersion = CATALOG_VERSION;
  #last: { text: string; version: number; doc: CatalogDocument } | undefined;

  constructor(
    readonly path: string,
    readonly dir: string,
    readonly now: () => Date,
  ) {}

  /** The text and document last decoded, to tell whether a document came from it. */
  get last(): { readonly text: string; readonly doc: CatalogDocument } | undefined {
    return this.#last;
  }

  decode(text: string): CatalogDocument {
    if (this.#last?.text === text) {
      this.diskVersion = this.#last.version;
      return this.#last.doc;
    }
    let decoded: DecodedCatalog;
    try {
      decoded = decodeCatalogText(text, () => readRegularFileSync(this.path));
    } catch (error) {
      if (!(error instanceof CatalogDecodeError)) throw error;
      if (error.problem !== 'newer-version') throw this.broken(error.problem, error.message);
      throw new CatalogFileError(
        `Switchyard's catalog ${this.path} ${error.message}. Update Switchyard; the file was left as it is.`,
        this.path,
        'newer-version',
      );
    }
    this.diskVersion = decoded.diskVersion;
    // Frozen, because every later read hands out these same objects.
    const doc = deepFreeze(decoded.doc);
    this.#last = { text, version: decoded.diskVersion, doc };
    return doc;
  }

  /** A CatalogFileError for a broken file, after keeping a copy of it aside. */
  broken(problem: CatalogFileProblem, what: string): CatalogFileError {
    let copyPath: string | undefined;
    let copyNote: string;
    try {
      copyPath = keepAside(this.path, 'broken', this.now());
      copyNote = `A copy was saved as ${copyPath}.`;
    } catch (error) {
      copyNote = `(No copy could be saved: ${fsErrorMessage(error, this.dir, 'write')}.)`;
    }
    return new CatalogFileError(
      `Switchyard's catalog ${this.path} ${what}. ${FIX_BROKEN}. ${copyNote}`,
      this.path,
      problem,
      copyPath,
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
