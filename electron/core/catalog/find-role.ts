import { inputError } from '../../../shared/check-text';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';

function labelKey(label: string): string {
  return label.trim().normalize('NFC').toLowerCase();
}

/** The one role among those sharing a label; a label shared by several is an InputError. */
function oneOf(
  matches: readonly RoleEntry[],
  idOrLabel: string,
  field: string,
): RoleEntry | undefined {
  if (matches.length > 1) {
    throw inputError(
      field,
      `${matches.length} roles are labelled ${quoteValue(idOrLabel)} (ids ${matches.map((role) => role.id).join(', ')})`,
      'name the role by its id',
    );
  }
  return matches[0];
}

function notFound(roles: readonly RoleEntry[], idOrLabel: string, field: string): never {
  throw inputError(
    field,
    `no role has the id or label ${quoteValue(idOrLabel)}`,
    roles.length === 0 ? 'the catalog is empty; add a role first' : "use a role's id or its label",
  );
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
  return oneOf(
    roles.filter((role) => labelKey(role.label) === key),
    idOrLabel,
    field,
  );
}

/** Like findRole, but a name that matches nothing is an InputError too. */
export function requireRole(
  roles: readonly RoleEntry[],
  idOrLabel: string,
  field = 'role',
): RoleEntry {
  return findRole(roles, idOrLabel, field) ?? notFound(roles, idOrLabel, field);
}

/**
 * findRole and requireRole over a list that does not change (the catalog's
 * frozen roles), by Map instead of a scan: activating N roles looks each one up,
 * and N scans of N roles is what made 5,000 activations take minutes.
 */
export class RoleIndex {
  readonly #byId = new Map<string, RoleEntry>();
  readonly #byLabel = new Map<string, RoleEntry[]>();

  constructor(readonly roles: readonly RoleEntry[]) {
    for (const role of roles) {
      if (!this.#byId.has(role.id)) this.#byId.set(role.id, role);
      const key = labelKey(role.label);
      const same = this.#byLabel.get(key);
      if (same) same.push(role);
      else this.#byLabel.set(key, [role]);
    }
  }

  find(idOrLabel: string, field = 'role'): RoleEntry | undefined {
    const byId = this.#byId.get(idOrLabel);
    if (byId) return byId;
    return oneOf(this.#byLabel.get(labelKey(idOrLabel)) ?? [], idOrLabel, field);
  }

  require(idOrLabel: string, field = 'role'): RoleEntry {
    return this.find(idOrLabel, field) ?? notFound(this.roles, idOrLabel, field);
  }
}
