import type { RoleEntry } from '../../../../shared/model';
import { quoteValue } from '../../../../shared/quote-value';

/** `"Prod admin" (id k3x9abcd)`: the label people know, the id that always works. */
export function describeRole(role: RoleEntry): string {
  return `${quoteValue(role.label)} (id ${role.id})`;
}

/**
 * The source as the table shows it: `profile:login`, `role:Prod`, `keys:ci`,
 * `sso:work` (the [sso-session]; the account and role are in their own
 * columns), `default`. An Identity Center role a sync no longer found says so.
 */
export function describeSource(role: RoleEntry, roles: readonly RoleEntry[]): string {
  const { source } = role;
  switch (source.kind) {
    case 'profile':
      return `profile:${source.profile}`;
    case 'keys':
      return `keys:${source.name}`;
    case 'role':
      return `role:${roles.find((other) => other.id === source.roleId)?.label ?? source.roleId}`;
    case 'sso': {
      const since = role.notGrantedSince;
      if (since === undefined) return `sso:${source.session}`;
      return `sso:${source.session} (not granted since ${new Date(since).toISOString().slice(0, 10)})`;
    }
    case 'default':
      return 'default';
  }
}
