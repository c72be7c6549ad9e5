import { inputError, rejectHiddenChars, requireText } from './check-text';
import { quoteValue } from './quote-value';

/** Chromium-family browsers: each role gets its own --user-data-dir (or a named profile). */
export const CHROMIUM_KINDS = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'arc'] as const;
export type ChromiumKind = (typeof CHROMIUM_KINDS)[number];

/** Where a role's console opens. `default` is the system browser, as before. */
export const BROWSER_KINDS = ['default', ...CHROMIUM_KINDS, 'firefox-container'] as const;
export type BrowserKind = (typeof BROWSER_KINDS)[number];

/** A role's (or the default) console browser: a kind, or the path of a browser program. */
export interface ConsoleBrowserSetting {
  /** A BrowserKind, or an absolute path to a Chromium-family or Firefox executable. */
  readonly browser: string;
  /** Chromium family only: open this existing profile (`--profile-directory`) instead of one per role. */
  readonly profileDirectory?: string;
}

export type BrowserChoice =
  { readonly kind: BrowserKind } | { readonly kind: 'path'; readonly path: string };

const FIX = `use ${BROWSER_KINDS.join(', ')}, or the full path of a browser program`;

function isBrowserKind(value: string): value is BrowserKind {
  return (BROWSER_KINDS as readonly string[]).includes(value);
}

/** True for `/…` and `C:\…` / `\\server\…`: the forms a browser path may take on any OS. */
export function isAbsoluteBrowserPath(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}

/** A browser name or an absolute path; the path's file is checked where it is used. */
export function checkBrowserChoice(value: unknown, field = 'browser'): BrowserChoice {
  const text = requireText(value, field, FIX);
  if (text === '') throw inputError(field, 'is empty', FIX);
  rejectHiddenChars(text, field);
  const lower = text.toLowerCase();
  if (isBrowserKind(lower)) return { kind: lower };
  if (lower === 'firefox') {
    throw inputError(
      field,
      'plain firefox shares one identity between roles',
      'use firefox-container (with the "Open external links in a container" extension)',
    );
  }
  if (isAbsoluteBrowserPath(text)) {
    if (text.length > 1024) throw inputError(field, 'is longer than 1024 characters', FIX);
    return { kind: 'path', path: text };
  }
  throw inputError(field, `${quoteValue(text)} is not a browser Switchyard knows`, FIX);
}

const PROFILE_DIRECTORY = /^[\w .()-]{1,64}$/u;

/** A Chromium profile folder name such as "Default" or "Profile 2". */
export function checkProfileDirectory(value: unknown, field = 'profile directory'): string {
  const fix = 'use the folder name of a Chromium profile, such as "Default" or "Profile 2"';
  const text = requireText(value, field, fix);
  if (!PROFILE_DIRECTORY.test(text) || text.trim() !== text || text === '.' || text === '..') {
    throw inputError(field, `${quoteValue(text)} is not a profile folder name`, fix);
  }
  return text;
}

/** Checks a whole setting; a profile directory only makes sense for the Chromium family. */
export function checkConsoleBrowserSetting(
  value: ConsoleBrowserSetting,
  field = 'console browser',
): ConsoleBrowserSetting {
  const choice = checkBrowserChoice(value.browser, field);
  if (value.profileDirectory === undefined) {
    return { browser: choice.kind === 'path' ? choice.path : choice.kind };
  }
  if (choice.kind === 'default' || choice.kind === 'firefox-container') {
    throw inputError(
      field,
      `a profile directory goes with a Chromium-family browser, not ${choice.kind}`,
      'pick chrome, chromium, edge, brave, vivaldi or arc, or leave the profile out',
    );
  }
  return {
    browser: choice.kind === 'path' ? choice.path : choice.kind,
    profileDirectory: checkProfileDirectory(value.profileDirectory),
  };
}
