import type { RoleView, SessionState, Snapshot } from '../../shared/model';

/**
 * What the tray icon says at a glance:
 * - idle: no active session;
 * - fresh: every session is fresh;
 * - expiring: a session is inside its refresh margin and not being renewed
 *   (its refresh is late, e.g. retrying after a network error);
 * - attention: a session needs the user (MFA code, an error, expired).
 */
export type TrayState = 'idle' | 'fresh' | 'expiring' | 'attention';

export const TRAY_STATES: readonly TrayState[] = ['idle', 'fresh', 'expiring', 'attention'];

/**
 * How late a refresh may be before the icon turns to "expiring". The engine
 * starts renewing a session at its refresh margin; without this grace the icon
 * would flash for the moment between our timer and the engine's.
 */
export const REFRESH_GRACE_MS = 30_000;

/** Sessions that hold (or are getting) live credentials. */
function isLive(state: SessionState): boolean {
  switch (state) {
    case 'active':
    case 'refreshing':
    case 'activating':
      return true;
    case 'inactive':
    case 'expired':
    case 'needs-mfa':
    case 'needs-sign-in':
    case 'error':
      return false;
    default: {
      const never: never = state;
      throw new Error(`unknown session state ${String(never)}`);
    }
  }
}

function needsUser(view: RoleView): boolean {
  return (
    view.state === 'needs-mfa' ||
    view.state === 'needs-sign-in' ||
    view.state === 'error' ||
    view.state === 'expired' ||
    view.error?.kind === 'needs-user'
  );
}

/** Remaining time below which a live session counts as expiring soon. */
export function expiringThresholdMs(snapshot: Snapshot): number {
  const margin = snapshot.settings.refreshMarginSeconds * 1000;
  return margin - Math.min(REFRESH_GRACE_MS, margin / 2);
}

function isExpiringSoon(view: RoleView, now: number, thresholdMs: number): boolean {
  return (
    view.state !== 'refreshing' &&
    view.expiresAt !== undefined &&
    view.expiresAt - now <= thresholdMs
  );
}

export function trayState(snapshot: Snapshot, now: number): TrayState {
  if (snapshot.mfaPrompts.length > 0 || snapshot.roles.some(needsUser)) return 'attention';
  const live = snapshot.roles.filter((view) => isLive(view.state));
  if (live.length === 0) return 'idle';
  const threshold = expiringThresholdMs(snapshot);
  return live.some((view) => isExpiringSoon(view, now, threshold)) ? 'expiring' : 'fresh';
}

/**
 * When trayState may next change without a new snapshot (a fresh session
 * crossing into "expiring soon", or expiring): the one timer the tray sets,
 * instead of polling. Undefined when nothing is pending.
 */
export function nextTrayStateChange(snapshot: Snapshot, now: number): number | undefined {
  const threshold = expiringThresholdMs(snapshot);
  let next: number | undefined;
  for (const view of snapshot.roles) {
    if (!isLive(view.state) || view.expiresAt === undefined) continue;
    for (const at of [view.expiresAt - threshold, view.expiresAt]) {
      if (at > now && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The tooltip: the state in words, naming the role that needs the user. */
export function trayTooltip(snapshot: Snapshot, now: number): string {
  const state = trayState(snapshot, now);
  const live = snapshot.roles.filter((view) => isLive(view.state)).length;
  switch (state) {
    case 'idle':
      return 'Switchyard: no active session';
    case 'fresh':
      return `Switchyard: ${count(live, 'active session')}`;
    case 'expiring': {
      const threshold = expiringThresholdMs(snapshot);
      const soon = snapshot.roles.find(
        (view) => isLive(view.state) && isExpiringSoon(view, now, threshold),
      );
      return `Switchyard: ${soon?.role.label ?? 'a session'} expires soon`;
    }
    case 'attention': {
      const prompt = snapshot.mfaPrompts[0];
      if (prompt) return `Switchyard: an MFA code is needed (${prompt.sourceKey})`;
      const view = snapshot.roles.find(needsUser);
      return `Switchyard: ${view?.role.label ?? 'a session'} needs you`;
    }
    default: {
      const never: never = state;
      throw new Error(`unknown tray state ${String(never)}`);
    }
  }
}
