import type { RoleEntry } from '../../../shared/model';

/** Roles grouped so each role's source role (if in the round) is in an earlier group. */
export function chainLevels(roles: readonly RoleEntry[]): RoleEntry[][] {
  const inRound = new Map(roles.map((r) => [r.id, r]));
  const depth = new Map<string, number>();
  const depthOf = (role: RoleEntry, guard: number): number => {
    const known = depth.get(role.id);
    if (known !== undefined) return known;
    const parent = role.source.kind === 'role' ? inRound.get(role.source.roleId) : undefined;
    const d = parent && guard < roles.length ? depthOf(parent, guard + 1) + 1 : 0;
    depth.set(role.id, d);
    return d;
  };
  const levels: RoleEntry[][] = [];
  for (const role of roles) {
    const d = depthOf(role, 0);
    (levels[d] ??= []).push(role);
  }
  return levels.filter((level) => level !== undefined);
}

/**
 * The roles to activate for `role`: it and, for a chained role, the roles it
 * is assumed from, sources first, stopping at a source that is already active.
 */
export function chainOf(
  role: RoleEntry,
  find: (roleId: string) => RoleEntry | undefined,
  isActive: (roleId: string) => boolean,
): RoleEntry[] {
  const chain: RoleEntry[] = [];
  const seen = new Set<string>();
  for (let current: RoleEntry | undefined = role; current && !seen.has(current.id);) {
    seen.add(current.id);
    chain.unshift(current);
    // Stop at a source that already has a usable session.
    if (current !== role && isActive(current.id)) break;
    current = current.source.kind === 'role' ? find(current.source.roleId) : undefined;
  }
  return chain;
}
