import type { Session } from 'electron';

/**
 * The popup needs no web permission (no camera, notifications, clipboard read,
 * geolocation, ...): every request is refused, and every check answers no
 * (Electron's security checklist, "handle session permission requests").
 * Desktop notifications come from main's Notification, not the page.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
