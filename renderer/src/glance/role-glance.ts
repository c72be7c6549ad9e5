import type { RoleView } from '../../../shared/model';

/** Live: holds a session now (active, or active while being renewed). */
export function isLive(view: RoleView): boolean {
  return view.state === 'active' || view.state === 'refreshing';
}

/** Waiting for the user: an MFA code, an Identity Center sign-in, or a failure to look at. */
export function needsYou(view: RoleView): boolean {
  return view.state === 'needs-mfa' || view.state === 'needs-sign-in' || view.state === 'error';
}

/**
 * Expiring: a live session that will lapse (not renew itself) within the
 * refresh margin, so the user must act before then.
 */
export function isExpiring(view: RoleView, now: number, marginMs: number): boolean {
  const { renewal } = view;
  return isLive(view) && renewal?.kind === 'lapses' && renewal.at - now <= marginMs;
}

/**
 * When `isExpiring` next changes for any of these roles (a lapse entering the
 * margin), so a list pinned at one time can be pinned again then; undefined: never.
 */
export function nextExpiringChange(
  views: Iterable<RoleView>,
  now: number,
  marginMs: number,
): number | undefined {
  let next: number | undefined;
  for (const view of views) {
    const { renewal } = view;
    if (!isLive(view) || renewal?.kind !== 'lapses') continue;
    const from = renewal.at - marginMs;
    if (from > now && (next === undefined || from < next)) next = from;
  }
  return next;
}
