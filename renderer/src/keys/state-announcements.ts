import type { RoleView, SessionState } from '../../../shared/model';
import { errorLine } from '../roles/error-text';

/**
 * What a screen reader should hear when a role's state changes: the outcome
 * of an activation, a retry, a deactivation or a failure. Steps along the way
 * (starting, the quiet refresh and back) say nothing, so the region speaks
 * once per outcome, not per tick.
 */
export function stateAnnouncement(
  before: SessionState | undefined,
  view: RoleView,
): string | undefined {
  const { role, state, error } = view;
  if (before === undefined || before === state) return undefined;
  switch (state) {
    case 'active':
      return before === 'refreshing' ? undefined : `${role.label} is active`;
    case 'inactive':
      return before === 'activating' ? undefined : `${role.label} is off`;
    case 'error':
      return `${role.label} failed${error ? `: ${errorLine(error)}` : ''}`;
    case 'expired':
      return `${role.label} expired`;
    case 'needs-mfa':
      return `${role.label} needs an MFA code`;
    case 'needs-sign-in':
      return `${role.label} needs you to sign in`;
    case 'activating':
    case 'refreshing':
      return undefined;
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** The announcements for every role whose state changed between two snapshots, in list order. */
export function stateAnnouncements(
  before: ReadonlyMap<string, SessionState>,
  roles: readonly RoleView[],
): string[] {
  const said: string[] = [];
  for (const view of roles) {
    const text = stateAnnouncement(before.get(view.role.id), view);
    if (text) said.push(text);
  }
  return said;
}
