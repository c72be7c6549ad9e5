import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

/** Electron derives its userData folder from this name (`productName`). */
export const PRODUCT_NAME = 'Switchyard';

export const CATALOG_FILE_NAME = 'catalog.json';

/**
 * The folder holding catalog.json: `SWITCHYARD_CONFIG_DIR` when set (a leading
 * `~/` is the home folder, as in AWS_CONFIG_FILE), else the
 * folder Electron's `app.getPath('userData')` gives for productName
 * "Switchyard", so the tray app and the headless CLI share one catalog.
 * The parameters exist for tests; callers pass nothing.
 */
export function catalogDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  const override = env.SWITCHYARD_CONFIG_DIR;
  // A quoted "~/…" reaches us unexpanded by the shell; it means the home here too.
  if (override === '~') return resolve(home);
  if (override && /^~[/\\]/.test(override)) return resolve(home, override.slice(2));
  if (override) return resolve(override);
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      // Chromium's XDG lookup: $XDG_CONFIG_HOME when set, else ~/.config.
      return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), PRODUCT_NAME);
  }
}
