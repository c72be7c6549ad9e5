import { app } from 'electron';

import { autostartDir, launchPath, setXdgAutostart } from './xdg-autostart';

/**
 * settings.launchAtLogin → the OS login items: Electron's setLoginItemSettings
 * on macOS and Windows, an XDG autostart entry on Linux (xdg-autostart.ts).
 * Unpackaged runs are skipped so a development build never registers the bare
 * Electron binary. Returns the function to call with each snapshot's setting:
 * it asks the OS only when the setting changes, not on every snapshot.
 */
export function syncLaunchAtLogin(
  platform: NodeJS.Platform,
  isPackaged: boolean,
  env: NodeJS.ProcessEnv,
): (enabled: boolean) => void {
  let applied: boolean | undefined;
  return (enabled) => {
    if (enabled === applied) return;
    applied = enabled;
    if (!isPackaged) return;
    if (platform === 'linux') {
      setXdgAutostart(enabled, autostartDir(env), launchPath(env, process.execPath));
      return;
    }
    if (platform !== 'darwin' && platform !== 'win32') return;
    if (app.getLoginItemSettings().openAtLogin === enabled) return;
    app.setLoginItemSettings({ openAtLogin: enabled });
  };
}
