import type { RoleEntry, RoleView, Snapshot } from '../../../shared/model';

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function sameRecord(a: object, b: object): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === y) return true;
    if (Array.isArray(x) && Array.isArray(y)) return sameList(x, y);
    if (x && y && typeof x === 'object' && typeof y === 'object') return sameRecord(x, y);
    return false;
  });
}

function sameRole(a: RoleEntry, b: RoleEntry): boolean {
  return sameRecord(a, b);
}

/**
 * The engine sends a whole new snapshot on every change, so every RoleView is a
 * new object even when only one role changed. Reusing the previous object for
 * each unchanged view lets memoised rows skip rendering: one role's refresh
 * re-renders one row, not every visible one.
 */
export function reuseUnchanged(previous: Snapshot | undefined, next: Snapshot): Snapshot {
  if (!previous) return next;
  const before = new Map(previous.roles.map((view) => [view.role.id, view]));
  let reused = 0;
  const roles = next.roles.map((view): RoleView => {
    const old = before.get(view.role.id);
    if (!old) return view;
    const { role, ...rest } = view;
    const { role: oldRole, ...oldRest } = old;
    if (!sameRole(role, oldRole) || !sameRecord(rest, oldRest)) return view;
    reused++;
    return old;
  });
  if (reused === 0) return next;
  return { ...next, roles };
}
