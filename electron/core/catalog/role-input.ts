import { inputError } from '../../../shared/check-text';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { ROLE_FIELDS } from './check-role';
import { isObject } from './is-object';

/** A new role as the user (form, CLI, IPC) gives it: the catalog picks the id; tags default to none. */
export type RoleInput = Omit<RoleEntry, 'id' | 'tags' | 'importedFrom'> & {
  readonly tags?: readonly string[];
};

/**
 * Changes to a role: a key left out (or undefined) keeps the value, `null`
 * clears an optional field (null survives JSON and IPC, undefined does not).
 */
export type RolePatch = {
  readonly [K in keyof RoleInput]?: RoleInput[K] | null;
};

/** The role with `patch` applied, not yet checked (checkRoleEntry does that). */
export function applyRolePatch(role: RoleEntry, patch: unknown): Record<string, unknown> {
  if (!isObject(patch))
    throw inputError('role', 'changes must be an object', 'give the fields to change as an object');
  if ('id' in patch && patch.id !== role.id) {
    throw inputError('id', 'cannot be changed', "a role's id stays the same for its whole life");
  }
  const merged: Record<string, unknown> = { ...role };
  for (const [key, value] of Object.entries(patch)) {
    // Checked here, before assignment: a "__proto__" key would otherwise set the prototype.
    if (!Object.hasOwn(ROLE_FIELDS, key)) {
      throw inputError(
        'role',
        `has an unknown field ${quoteValue(key)}`,
        'remove it or check its spelling',
      );
    }
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}
