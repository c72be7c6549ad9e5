import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { checkRoleEntry } from './check-role';
import { RoleGraph } from './role-graph';

export interface UpsertedRoles {
  /** The catalog's roles after the change, in order (new ones last). */
  readonly roles: RoleEntry[];
  readonly added: RoleEntry[];
  readonly updated: RoleEntry[];
}

export function describeRole(role: RoleEntry): string {
  return `${quoteValue(role.label)} (id ${role.id})`;
}

/**
 * Adds or replaces whole roles by id in `current`, checking every role and the
 * resulting graph; throws InputError (naming the role) and changes nothing
 * when any is invalid.
 */
export function upsertRoles(
  current: readonly RoleEntry[],
  entries: readonly RoleEntry[],
): UpsertedRoles {
  const checked = entries.map((raw, index) => {
    try {
      return checkRoleEntry(raw);
    } catch (error) {
      throw inRole(error, `role ${index + 1} of ${entries.length}`);
    }
  });
  const byId = new Map(current.map((role) => [role.id, role]));
  const added: RoleEntry[] = [];
  const updated: RoleEntry[] = [];
  const changed = new Set<string>();
  for (const entry of checked) {
    if (changed.has(entry.id)) {
      throw inputError(
        'id',
        `${quoteValue(entry.id)} appears twice in one change`,
        'give each role its own id',
      );
    }
    changed.add(entry.id);
    (byId.has(entry.id) ? updated : added).push(entry);
    byId.set(entry.id, entry);
  }
  const roles = [...byId.values()];
  // One index for all the checks (ids are unique here): linear, not N scans of N roles.
  const graph = new RoleGraph(roles);
  for (const entry of checked) {
    try {
      graph.checkPlacement(entry, entry.id);
    } catch (error) {
      throw inRole(error, `role ${describeRole(entry)}`);
    }
  }
  return { roles, added, updated };
}

/** "profile: <problem>" becomes "profile: in role X: <problem>", keeping the field first. */
function inRole(error: unknown, where: string): unknown {
  if (!(error instanceof InputError)) return error;
  const head = `${error.field}: `;
  const rest = error.message.startsWith(head) ? error.message.slice(head.length) : error.message;
  return new InputError(error.field, `${head}in ${where}: ${rest}`);
}
