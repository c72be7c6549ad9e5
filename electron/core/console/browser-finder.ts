import { posix, win32 } from 'node:path';

import type { ChromiumKind } from '../../../shared/console-browser';

/** The programs Switchyard can start itself: the Chromium family and Firefox (for containers). */
export type FindableBrowser = ChromiumKind | 'firefox';

export interface BrowserLookup {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** True for an executable regular file; injected so each OS's lookup is testable anywhere. */
  readonly exists: (path: string) => boolean;
}

/** Command names on a Linux PATH, in the order distributions use them. */
const LINUX_NAMES: Readonly<Record<FindableBrowser, readonly string[]>> = {
  chrome: ['google-chrome', 'google-chrome-stable'],
  chromium: ['chromium', 'chromium-browser'],
  edge: ['microsoft-edge', 'microsoft-edge-stable'],
  brave: ['brave-browser', 'brave'],
  vivaldi: ['vivaldi', 'vivaldi-stable'],
  arc: [],
  firefox: ['firefox', 'firefox-esr'],
};

/** Where packages put the real binary when PATH does not list it (.deb/.rpm, snap, flatpak). */
const LINUX_PLACES: Readonly<Record<FindableBrowser, readonly string[]>> = {
  chrome: ['/opt/google/chrome/chrome', '/var/lib/flatpak/exports/bin/com.google.Chrome'],
  chromium: [
    '/usr/lib/chromium/chromium',
    '/snap/bin/chromium',
    '/var/lib/flatpak/exports/bin/org.chromium.Chromium',
  ],
  edge: ['/opt/microsoft/msedge/msedge', '/var/lib/flatpak/exports/bin/com.microsoft.Edge'],
  brave: [
    '/opt/brave.com/brave/brave',
    '/snap/bin/brave',
    '/var/lib/flatpak/exports/bin/com.brave.Browser',
  ],
  vivaldi: ['/opt/vivaldi/vivaldi'],
  arc: [],
  firefox: [
    '/usr/lib/firefox/firefox',
    '/snap/bin/firefox',
    '/var/lib/flatpak/exports/bin/org.mozilla.firefox',
  ],
};

/** The app bundle and the executable inside it. */
const MAC_APPS: Readonly<Record<FindableBrowser, readonly [string, string]>> = {
  chrome: ['Google Chrome.app', 'Google Chrome'],
  chromium: ['Chromium.app', 'Chromium'],
  edge: ['Microsoft Edge.app', 'Microsoft Edge'],
  brave: ['Brave Browser.app', 'Brave Browser'],
  vivaldi: ['Vivaldi.app', 'Vivaldi'],
  arc: ['Arc.app', 'Arc'],
  firefox: ['Firefox.app', 'firefox'],
};

/** Under Program Files, Program Files (x86) or the user's LocalAppData (per-user installs). */
const WINDOWS_PATHS: Readonly<Record<FindableBrowser, readonly string[]>> = {
  chrome: ['Google\\Chrome\\Application\\chrome.exe'],
  chromium: ['Chromium\\Application\\chrome.exe'],
  edge: ['Microsoft\\Edge\\Application\\msedge.exe'],
  brave: ['BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
  vivaldi: ['Vivaldi\\Application\\vivaldi.exe'],
  // Arc for Windows is a Store (MSIX) app with no stable path: give its path.
  arc: [],
  firefox: ['Mozilla Firefox\\firefox.exe'],
};

function linuxCandidates(browser: FindableBrowser, lookup: BrowserLookup): string[] {
  const dirs = (lookup.env.PATH ?? '').split(':').filter((dir) => posix.isAbsolute(dir));
  const usual = ['/usr/bin', '/usr/local/bin', '/snap/bin'];
  const fromPath = [...dirs, ...usual].flatMap((dir) =>
    LINUX_NAMES[browser].map((name) => posix.join(dir, name)),
  );
  const userFlatpak = LINUX_PLACES[browser]
    .filter((place) => place.startsWith('/var/lib/flatpak/'))
    .map((place) => posix.join(lookup.home, '.local/share/flatpak', place.slice(17)));
  return [...fromPath, ...LINUX_PLACES[browser], ...userFlatpak];
}

function macCandidates(browser: FindableBrowser, lookup: BrowserLookup): string[] {
  const [bundle, binary] = MAC_APPS[browser];
  return ['/Applications', posix.join(lookup.home, 'Applications')].map((dir) =>
    posix.join(dir, bundle, 'Contents', 'MacOS', binary),
  );
}

function windowsCandidates(browser: FindableBrowser, lookup: BrowserLookup): string[] {
  const { env } = lookup;
  const roots = [
    env.ProgramFiles ?? env.PROGRAMFILES ?? 'C:\\Program Files',
    env['ProgramFiles(x86)'] ?? env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
    env.LOCALAPPDATA ?? win32.join(lookup.home, 'AppData', 'Local'),
  ];
  return roots.flatMap((root) =>
    WINDOWS_PATHS[browser].map((relative) => win32.join(root, relative)),
  );
}

/** Every path tried for a browser, first match wins; no duplicates. */
export function browserCandidates(browser: FindableBrowser, lookup: BrowserLookup): string[] {
  const all =
    lookup.platform === 'darwin'
      ? macCandidates(browser, lookup)
      : lookup.platform === 'win32'
        ? windowsCandidates(browser, lookup)
        : linuxCandidates(browser, lookup);
  return [...new Set(all)];
}

/** The first installed candidate, or undefined when the browser is not found. */
export function findBrowser(browser: FindableBrowser, lookup: BrowserLookup): string | undefined {
  return browserCandidates(browser, lookup).find((path) => lookup.exists(path));
}
