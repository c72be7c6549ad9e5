import type { RoleView, Snapshot } from '../../shared/model';

/**
 * The native tray menu as plain data; tray-menu.ts turns it into an Electron
 * Menu. On Linux this menu is how the app is used (tray clicks are not
 * delivered reliably there), elsewhere it is the right-click menu.
 */
export type TrayMenuItem =
  | { readonly kind: 'open'; readonly label: string }
  | { readonly kind: 'role'; readonly roleId: string; readonly label: string }
  | { readonly kind: 'note'; readonly label: string }
  | { readonly kind: 'refresh-all'; readonly label: string; readonly enabled: boolean }
  | { readonly kind: 'quit'; readonly label: string }
  | { readonly kind: 'separator' };

/** Menus longer than this scroll or get cut off by some panels; the popup shows the rest. */
export const MAX_MENU_ROLES = 15;

/** "14:32" in the user's locale and time zone. */
export type ClockFormat = (epochMs: number) => string;

const localClock: ClockFormat = (epochMs) =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Roles worth listing: everything with a session or a problem; inactive roles stay in the popup. */
function isListed(view: RoleView): boolean {
  return view.state !== 'inactive';
}

function needsUser(view: RoleView): boolean {
  return view.state === 'needs-mfa' || view.state === 'error' || view.state === 'expired';
}

/**
 * The menu is rebuilt when a snapshot arrives, not on a timer, so it shows the
 * clock time a session lasts until rather than a countdown that would go stale.
 */
function statusText(view: RoleView, now: number, clock: ClockFormat): string {
  switch (view.state) {
    case 'active':
      if (view.expiresAt === undefined) return 'active';
      return view.expiresAt > now ? `until ${clock(view.expiresAt)}` : 'expired';
    case 'refreshing':
      return 'refreshing…';
    case 'activating':
      return 'activating…';
    case 'needs-mfa':
      return 'needs an MFA code';
    case 'needs-sign-in':
      return 'needs sign-in';
    case 'error':
      return view.error ? `failed: ${view.error.code}` : 'failed';
    case 'expired':
      return 'expired';
    case 'inactive':
      return 'inactive';
    default: {
      const never: never = view.state;
      throw new Error(`unknown session state ${String(never)}`);
    }
  }
}

function roleLabel(view: RoleView, now: number, clock: ClockFormat): string {
  const name = view.isDefault ? `${view.role.label} (default)` : view.role.label;
  return `${name} — ${statusText(view, now, clock)}`;
}

export function buildTrayMenuModel(
  snapshot: Snapshot,
  now: number,
  clock: ClockFormat = localClock,
): TrayMenuItem[] {
  const listed = snapshot.roles.filter(isListed);
  // The ones needing the user first, so a cut-off never hides them.
  const ordered = [...listed.filter(needsUser), ...listed.filter((view) => !needsUser(view))];
  const shown = ordered.slice(0, MAX_MENU_ROLES);
  const hidden = ordered.length - shown.length;
  const hasLive = listed.some((view) => view.state === 'active' || view.state === 'refreshing');

  const items: TrayMenuItem[] = [{ kind: 'open', label: 'Open Switchyard' }, { kind: 'separator' }];
  if (snapshot.mfaPrompts.length > 0) {
    items.push({ kind: 'note', label: 'An MFA code is needed: open Switchyard' });
  }
  if (shown.length === 0) items.push({ kind: 'note', label: 'No active sessions' });
  for (const view of shown) {
    items.push({ kind: 'role', roleId: view.role.id, label: roleLabel(view, now, clock) });
  }
  if (hidden > 0) items.push({ kind: 'note', label: `${hidden} more in Switchyard` });
  items.push(
    { kind: 'separator' },
    { kind: 'refresh-all', label: 'Refresh all', enabled: hasLive },
    { kind: 'separator' },
    { kind: 'quit', label: 'Quit Switchyard' },
  );
  return items;
}
