import { isDeepStrictEqual } from 'node:util';
import type { RoleEntry, RoleSource } from '../../../shared/model';

/**
 * Finds the catalog role a config profile describes when it was not imported
 * from it (added by hand, or imported from another profile): the same role
 * ARN assumed from the same source is the same role, whatever its name.
 */
export function sameRoleIndex(
  roles: readonly RoleEntry[],
): (roleArn: string | undefined, source: RoleSource) => RoleEntry | undefined {
  const byArn = new Map<string, RoleEntry[]>();
  for (const role of roles) byArn.set(role.roleArn, [...(byArn.get(role.roleArn) ?? []), role]);
  return (roleArn, source) =>
    roleArn === undefined
      ? undefined
      : byArn.get(roleArn)?.find((role) => isDeepStrictEqual(role.source, source));
}
