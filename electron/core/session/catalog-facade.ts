import type { ConfigImportPreview, RoleForm } from '../../../shared/ipc-contract';
import type { CatalogStore } from '../catalog/catalog-store';
import { readAwsConfig } from '../catalog/aws-config-file';
import { countImportable } from '../catalog/config-import-found';
import { applyConfigImport, planConfigImport } from '../catalog/import-aws-config';
import { selectConfigImport } from '../catalog/select-config-import';

/** Optional role fields a form may leave out; left out means cleared. */
const OPTIONAL_ROLE_FIELDS = [
  'externalId',
  'sessionName',
  'durationSeconds',
  'region',
  'mfaSerial',
  'color',
  'group',
  'console',
] as const;

/** The catalog patch that makes a role equal the form: fields it left out are cleared. */
export function rolePatchFromForm(form: RoleForm): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...form };
  for (const key of OPTIONAL_ROLE_FIELDS) {
    if (!(key in form) || (form as Record<string, unknown>)[key] === undefined) patch[key] = null;
  }
  return patch;
}

/** What importing ~/.aws/config would add, update and skip. */
export function previewConfigImport(
  catalog: Pick<CatalogStore, 'list'>,
  env: NodeJS.ProcessEnv,
): ConfigImportPreview {
  const { path, text, exists } = readAwsConfig(env);
  const plan = planConfigImport(text, catalog.list());
  return {
    configPath: path,
    shownPath: homeRelative(path, env.HOME),
    configExists: exists,
    found: countImportable(text),
    toAdd: plan.toAdd,
    toUpdate: plan.toUpdate.map((u) => ({ before: u.before, after: u.after })),
    skipped: plan.skipped.map((s) => ({
      profile: s.profile,
      reason: s.reason,
      ...(s.inCatalog === undefined ? {} : { inCatalog: s.inCatalog }),
    })),
  };
}

/** `/home/me/.aws/config` → `~/.aws/config`, as the docs and the user write it. */
function homeRelative(path: string, home: string | undefined): string {
  if (!home) return path;
  const base = home.endsWith('/') || home.endsWith('\\') ? home : `${home}/`;
  return path.startsWith(base) ? `~/${path.slice(base.length)}` : path;
}

/** Imports the config's roles; `only` (config profile names) limits it to the ones ticked. */
export function applyConfigImportFrom(
  catalog: Pick<CatalogStore, 'list' | 'upsertMany'>,
  env: NodeJS.ProcessEnv,
  only: readonly string[] | null = null,
): { added: number; updated: number } {
  const { text } = readAwsConfig(env);
  const plan = planConfigImport(text, catalog.list());
  const result = applyConfigImport(catalog, only === null ? plan : selectConfigImport(plan, only));
  return { added: result.added.length, updated: result.updated.length };
}
