import { lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../../../shared/input-error';
import { exportCatalog } from '../../../core/catalog/export-catalog';
import { writeFileAtomic } from '../../../core/fs/atomic-write';
import { errorCode, fsErrorMessage } from '../../../core/fs/fs-error-message';
import { expectPositionals, parseCommandArgs } from '../../args';
import { withCatalog } from './catalog-access';
import { writeLines } from './write-output';

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

export async function rolesExportCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles export', argv, {
    force: { type: 'boolean' },
  });
  const [fileText = ''] = expectPositionals('roles export', positionals, ['file']);
  const path = resolve(fileText);
  const force = values.force === true;
  // A folder is never replaced, --force or not; "pass --force" would mislead.
  if (await isDirectory(path)) {
    throw new InputError(
      'file',
      `${path} is a folder; name a file to export to, such as ${join(path, 'switchyard-roles.json')}`,
    );
  }
  if (!force && (await exists(path))) throw refuseOverwrite(path);

  const { text, count } = withCatalog((store) => ({
    text: exportCatalog(store),
    count: store.list().length,
  }));
  // Checked again right before the rename, for a file that appeared meanwhile.
  const written = await writeFileAtomic(path, text, {
    mode: 0o600,
    beforeRename: async () => force || !(await exists(path)),
  });
  if (!written) throw refuseOverwrite(path);
  writeLines(`exported ${count} role${count === 1 ? '' : 's'} to ${path}`);
}
