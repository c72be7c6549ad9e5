import { isDeepStrictEqual } from 'node:util';
import type { RoleEntry } from '../../../shared/model';
import type { SubscriptionChangeCounts } from '../../../shared/subscription-model';
import type { SubscriptionSyncPlan } from './plan-subscription-sync';

/** Fields that change how a role looks, not which session it has or where it goes. */
const COSMETIC = new Set<keyof RoleEntry>(['label', 'color', 'group', 'tags']);

function touchesSession(before: RoleEntry, after: RoleEntry): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof RoleEntry>;
  return [...keys].some((key) => !COSMETIC.has(key) && !isDeepStrictEqual(before[key], after[key]));
}

/**
 * The active roles a plan removes, or changes in anything but looks (its
 * identity, profile, duration, region…): these wait for the user's yes. A
 * removed active role's profile is then removed by the engine's catalog path.
 */
export function activeRolesAffected(
  plan: SubscriptionSyncPlan,
  activeRoleIds: ReadonlySet<string>,
): RoleEntry[] {
  return [
    ...plan.removed.filter((role) => activeRoleIds.has(role.id)),
    ...plan.changed
      .filter(({ before, after }) => activeRoleIds.has(before.id) && touchesSession(before, after))
      .map(({ before }) => before),
  ];
}

export function changeCounts(plan: SubscriptionSyncPlan): SubscriptionChangeCounts {
  return { added: plan.added.length, changed: plan.changed.length, removed: plan.removed.length };
}

/** "3 new, 1 changed, 1 removed" (the tray's banner and the CLI's summary). */
export function describeCounts(counts: SubscriptionChangeCounts): string {
  return `${counts.added} new, ${counts.changed} changed, ${counts.removed} removed`;
}
