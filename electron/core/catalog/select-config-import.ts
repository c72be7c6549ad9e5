import { inputError } from '../../../shared/check-text';
import { quoteValue } from '../../../shared/quote-value';
import type { ConfigImportPlan } from './import-aws-config';

/**
 * The part of an import plan the user ticked, by config profile name. A role
 * chained from a new role needs that role too: leaving the source out would
 * write a role whose source does not exist, so that is refused in one line
 * instead. Unknown names are refused (a typo must not import nothing quietly).
 */
export function selectConfigImport(
  plan: ConfigImportPlan,
  only: readonly string[],
  field = 'import',
): ConfigImportPlan {
  const wanted = new Set(only);
  const offered = new Map(
    [...plan.toAdd, ...plan.toUpdate.map((update) => update.after)].map((role) => [
      role.importedFrom as string,
      role,
    ]),
  );
  for (const name of wanted) {
    if (!offered.has(name)) {
      const skip = plan.skipped.find((entry) => entry.profile === name);
      throw inputError(
        field,
        skip
          ? `profile ${quoteValue(name)} is not imported: ${skip.reason}`
          : `there is no role profile named ${quoteValue(name)} to import`,
        'name profiles the preview offers to add or update',
      );
    }
  }
  const newProfileOf = new Map(plan.toAdd.map((role) => [role.id, role.importedFrom as string]));
  for (const name of wanted) {
    const source = offered.get(name)?.source;
    const parent = source?.kind === 'role' ? newProfileOf.get(source.roleId) : undefined;
    if (parent !== undefined && !wanted.has(parent)) {
      throw inputError(
        field,
        `${quoteValue(name)} is assumed from ${quoteValue(parent)}, which is not selected`,
        `select ${quoteValue(parent)} too, or leave both out`,
      );
    }
  }
  const picked = (profile: string | undefined) => profile !== undefined && wanted.has(profile);
  return {
    toAdd: plan.toAdd.filter((role) => picked(role.importedFrom)),
    toUpdate: plan.toUpdate.filter((update) => picked(update.after.importedFrom)),
    skipped: plan.skipped,
  };
}
