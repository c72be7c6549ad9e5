import { app } from 'electron';

/**
 * settings.launchAtLogin → the OS login items. Electron implements
 * setLoginItemSettings on macOS and Windows only; on Linux the setting has no
 * effect yet (an XDG autostart entry would be needed). Unpackaged runs are
 * skipped so a development build never registers the bare Electron binary.
 * Returns the function to call with each snapshot's setting: it asks the OS
 * only when the setting changes, not on every snapshot.
 */
export function syncLaunchAtLogin(
  platform: NodeJS.Platform,
  isPackaged: boolean,
): (enabled: boolean) => void {
  let applied: boolean | undefined;
  return (enabled) => {
    if (enabled === applied) return;
    applied = enabled;
    if (!isPackaged || (platform !== 'darwin' && platform !== 'win32')) return;
    if (app.getLoginItemSettings().openAtLogin === enabled) return;
    app.setLoginItemSettings({ openAtLogin: enabled });
  };
}
