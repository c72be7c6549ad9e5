import { exportCatalog } from '../../../core/catalog/export-catalog';
import { expectPositionals, parseCommandArgs } from '../../args';
import { exportTarget, writeExport } from '../../export-file';
import { withCatalog } from './catalog-access';
import { writeLines } from './write-output';

export async function rolesExportCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles export', argv, {
    force: { type: 'boolean' },
  });
  const [fileText = ''] = expectPositionals('roles export', positionals, ['file']);
  const force = values.force === true;
  const path = await exportTarget(fileText, force, 'switchyard-roles.json');
  const { text, count } = withCatalog((store) => ({
    text: exportCatalog(store),
    count: store.list().length,
  }));
  await writeExport(path, text, force);
  writeLines(`exported ${count} role${count === 1 ? '' : 's'} to ${path}`);
}
