import { inputError } from '../../../shared/check-text';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';

function labelKey(label: string): string {
  return label.trim().normalize('NFC').toLowerCase();
}

/**
 * The role with this exact id, else the one whose label matches ignoring case.
 * Ids win over labels, so a role can always be reached by its id. A label
 * shared by several roles is an InputError listing their ids.
 */
export function findRole(
  roles: readonly RoleEntry[],
  idOrLabel: string,
  field = 'role',
): RoleEntry | undefined {
  const byId = roles.find((role) => role.id === idOrLabel);
  if (byId) return byId;
  const key = labelKey(idOrLabel);
  const matches = roles.filter((role) => labelKey(role.label) === key);
  if (matches.length > 1) {
    throw inputError(
      field,
      `${matches.length} roles are labelled ${quoteValue(idOrLabel)} (ids ${matches.map((role) => role.id).join(', ')})`,
      'name the role by its id',
    );
  }
  return matches[0];
}

/** Like findRole, but a name that matches nothing is an InputError too. */
export function requireRole(
  roles: readonly RoleEntry[],
  idOrLabel: string,
  field = 'role',
): RoleEntry {
  const role = findRole(roles, idOrLabel, field);
  if (!role) {
    throw inputError(
      field,
      `no role has the id or label ${quoteValue(idOrLabel)}`,
      roles.length === 0
        ? 'the catalog is empty; add a role first'
        : "use a role's id or its label",
    );
  }
  return role;
}
