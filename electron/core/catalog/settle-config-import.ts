import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { changedFields, reasonFrom } from './config-import-reason';
import type { ConfigImportPlan, ConfigImportSkip, ConfigImportUpdate } from './import-aws-config';
import { RoleGraph } from './role-graph';

/**
 * What planning one config profile gave: its role, or why it has none.
 * `known`: the catalog already has this role under another name (same ARN and
 * source, not imported from this profile); it is not offered again, and roles
 * chained from the profile chain from it.
 */
export type ProfileOutcome =
  { readonly entry: RoleEntry; readonly known?: boolean } | { readonly reason: string };

/**
 * The catalog-wide rules over the planned profiles, in the order their
 * planning finished (sources first): a role is checked against the catalog
 * plus the roles accepted before it; a role whose source was refused is
 * refused too. Each accepted role is then an addition, an update, or (the
 * same as in the catalog) a skip.
 */
export function settleConfigImport(
  existingRoles: readonly RoleEntry[],
  finished: readonly string[],
  outcomes: ReadonlyMap<string, ProfileOutcome>,
): ConfigImportPlan {
  const skipped: ConfigImportSkip[] = [];
  const catalog = new Map(existingRoles.map((role) => [role.id, role]));
  // One index of the catalog as it grows, not one per role (2,000 roles took 1.4 s).
  const graph = new RoleGraph(existingRoles);
  const accepted: RoleEntry[] = [];
  const importedIds = new Map<string, string>();
  for (const name of finished) {
    const outcome = outcomes.get(name) as ProfileOutcome;
    if ('reason' in outcome) {
      skipped.push({ profile: name, reason: outcome.reason });
      continue;
    }
    const { entry } = outcome;
    if ('known' in outcome && outcome.known) {
      skipped.push({
        profile: name,
        reason: `already in your catalog as ${quoteValue(entry.label)} (same role ARN and source)`,
        inCatalog: entry.label,
      });
      continue;
    }
    importedIds.set(entry.id, name);
    const source = entry.source;
    if (source.kind === 'role' && !catalog.has(source.roleId)) {
      const parent = importedIds.get(source.roleId) ?? source.roleId;
      skipped.push({
        profile: name,
        reason: `its source_profile ${quoteValue(parent)} cannot be imported (see that profile)`,
      });
      continue;
    }
    try {
      graph.checkPlacement(entry, entry.id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push({ profile: name, reason: reasonFrom(error) });
      continue;
    }
    catalog.set(entry.id, entry);
    graph.set(entry);
    accepted.push(entry);
  }

  const toAdd: RoleEntry[] = [];
  const toUpdate: ConfigImportUpdate[] = [];
  const existingById = new Map(existingRoles.map((role) => [role.id, role]));
  for (const entry of accepted) {
    // By id: a role linked by its sso source had no importedFrom before.
    const before = existingById.get(entry.id);
    if (!before) toAdd.push(entry);
    else if (isDeepStrictEqual(before, entry)) {
      skipped.push({
        profile: entry.importedFrom as string,
        reason: 'already imported; nothing changed',
        inCatalog: entry.label,
      });
    } else toUpdate.push({ before, after: entry, changed: changedFields(before, entry) });
  }
  return { toAdd, toUpdate, skipped };
}
