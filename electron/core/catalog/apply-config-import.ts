import { isDeepStrictEqual } from 'node:util';
import { inputError } from '../../../shared/check-text';
import type { CatalogStore, UpsertResult } from './catalog-store';
import type { ConfigImportPlan } from './import-aws-config';

/**
 * Writes a plan from planConfigImport, as one checked write. Refused (nothing
 * written) when the catalog changed since the plan was made.
 */
export function applyConfigImport(
  store: Pick<CatalogStore, 'list' | 'upsertMany'>,
  plan: ConfigImportPlan,
): UpsertResult {
  const current = new Map(store.list().map((role) => [role.id, role]));
  const stale =
    plan.toUpdate.some(
      (update) => !isDeepStrictEqual(current.get(update.before.id), update.before),
    ) || plan.toAdd.some((entry) => current.has(entry.id));
  if (stale) {
    throw inputError(
      'import',
      'the catalog changed after this import was previewed',
      'preview the import again',
    );
  }
  return store.upsertMany([...plan.toAdd, ...plan.toUpdate.map((update) => update.after)]);
}
