import { lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../shared/input-error';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { errorCode, fsErrorMessage } from '../core/fs/fs-error-message';

/** lstat, so a symlink counts as something that is there even when it dangles. */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw new Error(fsErrorMessage(error, path, 'read'), { cause: error });
  }
}

/** stat, so a symlink to a folder counts as the folder. */
async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // missing or unreadable: the write below says which
  }
}

function refuseOverwrite(path: string): Error {
  return new Error(`${path} already exists; pass --force to replace it`);
}

/**
 * Where an export command writes: the absolute path, after refusing a folder
 * (--force or not; "pass --force" would mislead) and, without --force, a path
 * that exists. `exampleName` is offered for a folder.
 */
export async function exportTarget(
  fileText: string,
  force: boolean,
  exampleName: string,
): Promise<string> {
  const path = resolve(fileText);
  if (await isDirectory(path)) {
    throw new InputError(
      'file',
      `${path} is a folder; name a file to export to, such as ${join(path, exampleName)}`,
    );
  }
  if (!force && (await exists(path))) throw refuseOverwrite(path);
  return path;
}

/** Writes an export atomically, owner-only, checking again right before the rename for a file that appeared meanwhile. */
export async function writeExport(path: string, text: string, force: boolean): Promise<void> {
  const written = await writeFileAtomic(path, text, {
    mode: 0o600,
    beforeRename: async () => force || !(await exists(path)),
  });
  if (!written) throw refuseOverwrite(path);
}
