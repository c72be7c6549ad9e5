import { readAwsConfig } from '../../../core/catalog/aws-config-file';
import {
  applyConfigImport,
  planConfigImport,
  type ConfigImportPlan,
} from '../../../core/catalog/import-aws-config';
import { selectConfigImport } from '../../../core/catalog/select-config-import';
import { expectPositionals, optionalString, parseCommandArgs } from '../../args';
import { catalogPath, currentRoles, withCatalog } from './catalog-access';
import { readInputFile } from './read-input-file';
import { formatTable } from './text-table';
import { writeJson, writeLines } from './write-output';

function previewRows(plan: ConfigImportPlan): string[][] {
  return [
    ...plan.toAdd.map((role) => [
      'add',
      role.importedFrom ?? role.label,
      `→ profile ${role.profile} (${role.roleArn})`,
    ]),
    ...plan.toUpdate.map(({ after, changed }) => [
      'update',
      after.importedFrom ?? after.label,
      `→ profile ${after.profile}, id ${after.id} (changed: ${changed.join(', ')})`,
    ]),
    ...plan.skipped.map((skip) => ['skip', skip.profile, skip.reason]),
  ];
}

function summary(plan: ConfigImportPlan, dryRun: boolean, configPath: string): string {
  const [added, updated, skipped] = [plan.toAdd, plan.toUpdate, plan.skipped].map((l) => l.length);
  if (dryRun) {
    return `dry run: ${added} to add, ${updated} to update, ${skipped} skipped; nothing was written`;
  }
  if (added === 0 && updated === 0) {
    return `nothing to import from ${configPath} (${skipped} skipped); the catalog is unchanged`;
  }
  return `imported from ${configPath} into ${catalogPath()}: ${added} added, ${updated} updated, ${skipped} skipped`;
}

/** `--only a,b`: config profile names, commas between. */
function onlyList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export async function rolesImportCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('roles import', argv, {
    'config-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    only: { type: 'string' },
  });
  expectPositionals('roles import', positionals, []);
  const dryRun = values['dry-run'] === true;
  const configFile = optionalString(values, 'config-file');
  // A file named on the command line must exist; the default one may be absent.
  const config = configFile === undefined ? readAwsConfig() : readInputFile(configFile);

  const only = optionalString(values, 'only');
  const planned = planConfigImport(config.text, currentRoles());
  // The same planner as the tray's preview; --only imports the profiles named, as its check boxes do.
  const plan = only === undefined ? planned : selectConfigImport(planned, onlyList(only), '--only');
  const json = values.json === true;
  const rows = previewRows(plan);
  // The preview comes first, so it is on screen even when writing then fails.
  if (!json && rows.length > 0) process.stdout.write(formatTable(rows));
  // Nothing to write: the store is not even opened, so no catalog file is created.
  if (!dryRun && plan.toAdd.length + plan.toUpdate.length > 0) {
    withCatalog((store) => applyConfigImport(store, plan));
  }

  if (json) {
    writeJson({
      configFile: config.path,
      catalogFile: catalogPath(),
      dryRun,
      added: plan.toAdd,
      updated: plan.toUpdate,
      skipped: plan.skipped,
    });
    return;
  }
  writeLines(
    rows.length === 0
      ? `no profile in ${config.path} has a role_arn or an sso_role_name; nothing to import`
      : summary(plan, dryRun, config.path),
  );
}
