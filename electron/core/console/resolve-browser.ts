import { accessSync, chmodSync, constants, lstatSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

import { inputError } from '../../../shared/check-text';
import { checkBrowserChoice, type ConsoleBrowserSetting } from '../../../shared/console-browser';
import { quoteValue } from '../../../shared/quote-value';
import { findBrowser, type BrowserLookup, type FindableBrowser } from './browser-finder';
import { firefoxContainerColor, type BrowserTarget } from './browser-command';

/** The parts of a role a browser target is made from. */
export interface BrowserRole {
  readonly id: string;
  readonly label: string;
  readonly color?: string;
}

export const PROFILES_FOLDER = 'browser-profiles';

/** The --user-data-dir of a role: its own folder under Switchyard's data folder. */
export function roleProfileFolder(configDir: string, roleId: string): string {
  return join(configDir, PROFILES_FOLDER, roleId);
}

/** The real lookup: this OS, PATH and the usual install places, executable files only. */
export function systemBrowserLookup(env: NodeJS.ProcessEnv = process.env): BrowserLookup {
  return {
    platform: process.platform,
    env,
    home: (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir(),
    exists: isExecutableFile,
  };
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What `setting` means for `role`: the system browser, a Chromium-family
 * browser with the role's own profile folder (or a named profile), or Firefox
 * with a container named and coloured after the role. A name that is not
 * installed, or a path that is not an executable file, is a one-line error.
 */
export function resolveBrowserTarget(
  setting: ConsoleBrowserSetting,
  role: BrowserRole,
  configDir: string,
  lookup: BrowserLookup,
  field = 'browser',
): BrowserTarget {
  const choice = checkBrowserChoice(setting.browser, field);
  if (choice.kind === 'default') return { kind: 'default' };
  let executable: string;
  let firefox: boolean;
  if (choice.kind === 'path') {
    if (!lookup.exists(choice.path)) {
      throw inputError(
        field,
        `${quoteValue(choice.path)} is not an executable file`,
        'give the full path of the browser program',
      );
    }
    executable = choice.path;
    firefox = /firefox/i.test(basename(choice.path));
  } else {
    const program: FindableBrowser = choice.kind === 'firefox-container' ? 'firefox' : choice.kind;
    firefox = program === 'firefox';
    const found = findBrowser(program, lookup);
    if (found === undefined) {
      throw inputError(
        field,
        `${program} was not found on PATH or in the usual install places`,
        'install it, or give the full path of the browser program',
      );
    }
    executable = found;
  }
  if (firefox) {
    if (setting.profileDirectory !== undefined) {
      throw inputError(
        field,
        'a profile directory is for Chromium-family browsers',
        'leave it out for Firefox',
      );
    }
    return {
      kind: 'firefox-container',
      executable,
      container: { name: role.label, color: firefoxContainerColor(role.color), icon: 'briefcase' },
    };
  }
  return setting.profileDirectory !== undefined
    ? { kind: 'chromium', executable, profileDirectory: setting.profileDirectory }
    : { kind: 'chromium', executable, userDataDir: roleProfileFolder(configDir, role.id) };
}

function ensureOwnerOnlyFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const stat = lstatSync(path);
  if (!stat.isDirectory()) {
    throw new Error(
      `${path} is not a folder; move it away so Switchyard can keep browser profiles there`,
    );
  }
  // mkdir's mode is cut by the umask, and an older folder may be wider.
  if (process.platform !== 'win32' && (stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
}

/** Creates the role's profile folder (and its parent) owner-only before the browser starts. */
export function prepareBrowserTarget(target: BrowserTarget): void {
  if (target.kind !== 'chromium' || target.userDataDir === undefined) return;
  ensureOwnerOnlyFolder(join(target.userDataDir, '..'));
  ensureOwnerOnlyFolder(target.userDataDir);
}
