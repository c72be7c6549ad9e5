import { InputError } from '../../../../shared/input-error';
import type { RoleEntry } from '../../../../shared/model';
import { quoteValue } from '../../../../shared/quote-value';
import {
  importCatalogFile,
  planCatalogFileImport,
} from '../../../core/catalog/import-catalog-file';
import { expectPositionals, parseCommandArgs } from '../../args';
import { catalogPath, currentRoles, withCatalog } from './catalog-access';
import { describeRole } from './describe-role';
import { readInputFile } from './read-input-file';
import { formatTable } from './text-table';
import { writeJson, writeLines } from './write-output';

interface Report {
  readonly added: readonly RoleEntry[];
  readonly updated: readonly RoleEntry[];
  readonly skipped: readonly {
    readonly id: string;
    readonly label: string;
    readonly reason: string;
  }[];
}

function reportRows(report: Report): string[][] {
  return [
    ...report.added.map((role) => ['add', describeRole(role), `→ profile ${role.profile}`]),
    ...report.updated.map((role) => ['update', describeRole(role), `→ profile ${role.profile}`]),
    ...report.skipped.map((skip) => [
      'skip',
      `${quoteValue(skip.label)} (id ${skip.id})`,
      skip.reason,
    ]),
  ];
}

/** "catalog file: …" errors say which file, since a catalog.json is involved too. */
function namingTheFile<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const head = 'catalog file: ';
    if (!(error instanceof InputError) || !error.message.startsWith(head)) throw error;
    throw new InputError(error.field, `catalog file ${path}: ${error.message.slice(head.length)}`);
  }
}

export async function rolesImportCatalogCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles import-catalog', argv, {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [fileText = ''] = expectPositionals('roles import-catalog', positionals, ['file']);
  const dryRun = values['dry-run'] === true;
  const file = readInputFile(fileText);
  // Checked in full against the catalog first: a file with any problem changes
  // nothing, and creates no catalog file either.
  const plan = namingTheFile(file.path, () => planCatalogFileImport(file.text, currentRoles()));
  const report: Report =
    dryRun || (plan.roles.length === 0 && Object.keys(plan.accounts).length === 0)
      ? plan
      : withCatalog((store) => importCatalogFile(store, file.text));

  if (values.json === true) {
    writeJson({
      file: file.path,
      catalogFile: catalogPath(),
      dryRun,
      added: report.added,
      updated: report.updated,
      skipped: report.skipped,
    });
    return;
  }
  const rows = reportRows(report);
  if (rows.length > 0) process.stdout.write(formatTable(rows));
  const [added, updated, skipped] = [report.added, report.updated, report.skipped].map(
    (list) => list.length,
  );
  writeLines(
    dryRun
      ? `dry run: ${added} to add, ${updated} to update, ${skipped} unchanged; nothing was written`
      : `${added} added, ${updated} updated, ${skipped} unchanged (catalog: ${catalogPath()})`,
  );
}
