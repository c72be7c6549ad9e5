import { readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

import { writeFileAtomic } from '../core/fs/atomic-write';
import { errorCode } from '../core/fs/fs-error-message';

/**
 * Launch at login on Linux: an XDG autostart entry, which GNOME, KDE, Xfce and
 * the other freedesktop sessions start at login. Electron's setLoginItemSettings
 * covers macOS and Windows only. Node-only (no Electron), so it is tested
 * against real files and real freedesktop tools.
 */

export const AUTOSTART_FILE_NAME = 'switchyard.desktop';

/** `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart` (the spec ignores relative values). */
export function autostartDir(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME;
  if (configHome && isAbsolute(configHome)) return join(configHome, 'autostart');
  const home = env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir();
  return join(home, '.config', 'autostart');
}

/**
 * One argument of an Exec line, quoted as the Desktop Entry spec says: inside
 * double quotes, `"`, `` ` ``, `$` and `\` take a backslash, then the string
 * escape of the file format doubles every backslash. A `%` would be written
 * `%%`, but GLib (GNOME, Xfce, Cinnamon, MATE) then looks for a file named with
 * `%%` and refuses the entry, so such a path is refused here, with a reason.
 */
export function execArgument(argument: string): string {
  const refuse = (what: string) =>
    new Error(
      `cannot start ${JSON.stringify(argument)} at login: ${what}; move Switchyard to a plainer path`,
    );
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(argument)) {
    throw refuse('a desktop entry cannot hold a control character (a newline, a tab…)');
  }
  if (argument.includes('%')) throw refuse("GNOME's autostart cannot read a path with a %");
  const quoted = `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\');
}

/** The autostart entry that starts the app at `execPath`. */
export function autostartEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Switchyard',
    'Comment=Keeps your AWS role sessions fresh',
    `Exec=${execArgument(execPath)}`,
    'Icon=switchyard',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * The app's own executable to start at login: the AppImage file itself when
 * running from one (its process.execPath is inside a mount that changes every
 * run), else the executable.
 */
export function launchPath(env: NodeJS.ProcessEnv, execPath: string): string {
  const appImage = env.APPIMAGE;
  return appImage && isAbsolute(appImage) ? appImage : execPath;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    // ENOTDIR: something that is not a folder stands where the folder should be, so
    // there is no entry; writing one then fails with a clear message.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Writes (enabled) or removes (disabled) Switchyard's autostart entry in `dir`;
 * nothing else in the folder is touched. The write is the credentials file's
 * atomic one (temporary file, fsync, rename), so a session starting meanwhile
 * never reads half an entry; an entry already as wanted is left alone.
 */
export async function setXdgAutostart(
  enabled: boolean,
  dir: string,
  execPath: string,
): Promise<void> {
  const path = join(dir, AUTOSTART_FILE_NAME);
  if (!enabled) {
    await rm(path, { force: true });
    return;
  }
  const entry = autostartEntry(execPath);
  if ((await readIfPresent(path)) === entry) return;
  await writeFileAtomic(path, entry, { mode: 0o644 });
}

/** Whether Switchyard's entry is there, and if so whether the session's own settings switched it off. */
export async function xdgAutostartState(dir: string): Promise<'missing' | 'on' | 'switched-off'> {
  const text = await readIfPresent(join(dir, AUTOSTART_FILE_NAME));
  if (text === undefined) return 'missing';
  // Hidden=true is the spec's "deleted"; GNOME's tools write X-GNOME-Autostart-enabled=false.
  const off = /^(Hidden\s*=\s*true|X-GNOME-Autostart-enabled\s*=\s*false)\s*$/m.test(text);
  return off ? 'switched-off' : 'on';
}
