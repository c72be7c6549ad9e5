import type { RoleEntry } from '../../../../shared/model';
import { quoteValue } from '../../../../shared/quote-value';

/** `"Prod admin" (id k3x9abcd)`: the label people know, the id that always works. */
export function describeRole(role: RoleEntry): string {
  return `${quoteValue(role.label)} (id ${role.id})`;
}

/** The source as the table shows it: `profile:login`, `role:Prod`, `keys:ci`, `default`. */
export function describeSource(role: RoleEntry, roles: readonly RoleEntry[]): string {
  const { source } = role;
  switch (source.kind) {
    case 'profile':
      return `profile:${source.profile}`;
    case 'keys':
      return `keys:${source.name}`;
    case 'role':
      return `role:${roles.find((other) => other.id === source.roleId)?.label ?? source.roleId}`;
    default:
      return 'default';
  }
}
