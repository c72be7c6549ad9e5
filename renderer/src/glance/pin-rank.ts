import type { RoleView } from '../../../shared/model';
import { isExpiring, needsYou } from './role-glance';

/**
 * Where a role sits in the pinned section above the account groups, or
 * undefined when it stays in its group: first what needs the user (MFA,
 * sign-in, failures), then sessions about to lapse, then live ones (a role
 * being activated is pinned at once, so it moves only once).
 */
export function pinRank(view: RoleView, now: number, marginMs: number): number | undefined {
  if (needsYou(view)) return 0;
  if (isExpiring(view, now, marginMs)) return 1;
  if (view.state === 'active' || view.state === 'refreshing' || view.state === 'activating')
    return 2;
  return undefined;
}
