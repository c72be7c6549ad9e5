import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorCode, fsErrorMessage } from '../../../core/fs/fs-error-message';

/** A file the user named on the command line, as text; a missing or unreadable one is a one-line error (exit 1). */
export function readInputFile(file: string): { path: string; text: string } {
  const path = resolve(file);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const message =
      errorCode(error) === 'ENOENT'
        ? `${path} does not exist`
        : fsErrorMessage(error, path, 'read');
    throw new Error(message, { cause: error });
  }
}
