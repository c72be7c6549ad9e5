import { app } from 'electron';

import { autostartDir, launchPath, setXdgAutostart, xdgAutostartState } from './xdg-autostart';

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
    const atStart = applied === undefined;
    applied = enabled;
    if (!isPackaged) return;
    if (platform === 'linux') {
      const dir = autostartDir(env);
      // Switched off in the desktop's own startup settings: at start-up that choice
      // stands; turning the setting on again in Switchyard overrides it.
      if (atStart && enabled && xdgAutostartState(dir) === 'switched-off') return;
      setXdgAutostart(enabled, dir, launchPath(env, process.execPath));
      return;
    }
    if (platform !== 'darwin' && platform !== 'win32') return;
    if (app.getLoginItemSettings().openAtLogin === enabled) return;
    app.setLoginItemSettings({ openAtLogin: enabled });
  };
}
