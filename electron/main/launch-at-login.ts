import { app } from 'electron';

import { autostartDir, launchPath, setXdgAutostart, xdgAutostartState } from './xdg-autostart';

/**
 * settings.launchAtLogin → the OS login items: Electron's setLoginItemSettings
 * on macOS and Windows, an XDG autostart entry on Linux (xdg-autostart.ts).
 * Unpackaged runs are skipped so a development build never registers the bare
 * Electron binary. Returns the function to call with each snapshot's setting:
 * it asks the OS only when the setting changes, not on every snapshot, one
 * change at a time (a quick on-off never ends with the entry left behind).
 */
export function syncLaunchAtLogin(
  platform: NodeJS.Platform,
  isPackaged: boolean,
  env: NodeJS.ProcessEnv,
): (enabled: boolean) => Promise<void> {
  let applied: boolean | undefined;
  let queue: Promise<void> = Promise.resolve();

  const apply = async (enabled: boolean, atStart: boolean): Promise<void> => {
    if (platform === 'linux') {
      const dir = autostartDir(env);
      // Switched off in the desktop's own startup settings: at start-up that choice
      // stands; turning the setting on again in Switchyard overrides it.
      if (atStart && enabled && (await xdgAutostartState(dir)) === 'switched-off') return;
      await setXdgAutostart(enabled, dir, launchPath(env, process.execPath));
      return;
    }
    if (platform !== 'darwin' && platform !== 'win32') return;
    if (app.getLoginItemSettings().openAtLogin === enabled) return;
    app.setLoginItemSettings({ openAtLogin: enabled });
  };

  return (enabled) => {
    if (enabled === applied) return Promise.resolve();
    const atStart = applied === undefined;
    applied = enabled;
    if (!isPackaged) return Promise.resolve();
    // Each change waits for the one before, whether that one worked or not.
    queue = queue.catch(() => undefined).then(() => apply(enabled, atStart));
    return queue;
  };
}
