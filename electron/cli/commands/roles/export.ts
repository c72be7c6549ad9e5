import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
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
