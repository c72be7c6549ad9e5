import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  browserCandidates,
  findBrowser,
  type BrowserLookup,
} from '../../../electron/core/console/browser-finder';
import {
  isExecutableFile,
  prepareBrowserTarget,
  resolveBrowserTarget,
  systemBrowserLookup,
} from '../../../electron/core/console/resolve-browser';
import { expectInputError } from '../shared/expect-input-error';

function lookup(
  platform: NodeJS.Platform,
  installed: readonly string[],
  env: Record<string, string> = {},
  home = platform === 'win32'
    ? 'C:\\Users\\ana'
    : platform === 'darwin'
      ? '/Users/ana'
      : '/home/ana',
): BrowserLookup {
  return { platform, env, home, exists: (path) => installed.includes(path) };
}

describe('finding a browser', () => {
  describe('on Linux', () => {
    it('looks on PATH first, by each name distributions use', () => {
      const found = lookup(
        'linux',
        ['/home/ana/bin/google-chrome-stable', '/usr/bin/google-chrome'],
        {
          PATH: '/home/ana/bin:/usr/bin',
        },
      );
      expect(findBrowser('chrome', found)).toBe('/home/ana/bin/google-chrome-stable');
    });

    it('then the usual places: /usr/bin, /opt, snap and flatpak (system and user)', () => {
      const none = lookup('linux', [], { PATH: '' });
      expect(browserCandidates('edge', none)).toEqual([
        '/usr/bin/microsoft-edge',
        '/usr/bin/microsoft-edge-stable',
        '/usr/local/bin/microsoft-edge',
        '/usr/local/bin/microsoft-edge-stable',
        '/snap/bin/microsoft-edge',
        '/snap/bin/microsoft-edge-stable',
        '/opt/microsoft/msedge/msedge',
        '/var/lib/flatpak/exports/bin/com.microsoft.Edge',
        '/home/ana/.local/share/flatpak/exports/bin/com.microsoft.Edge',
      ]);
      expect(findBrowser('brave', lookup('linux', ['/opt/brave.com/brave/brave']))).toBe(
        '/opt/brave.com/brave/brave',
      );
      expect(findBrowser('chromium', lookup('linux', ['/usr/bin/chromium-browser']))).toBe(
        '/usr/bin/chromium-browser',
      );
      expect(findBrowser('firefox', lookup('linux', ['/snap/bin/firefox']))).toBe(
        '/snap/bin/firefox',
      );
    });

    it('ignores relative PATH entries (a PATH of "." would run whatever sits in the folder)', () => {
      const found = lookup('linux', ['vivaldi', 'bin/vivaldi'], { PATH: '.:bin' });
      expect(findBrowser('vivaldi', found)).toBeUndefined();
    });

    it('knows no Arc on Linux', () => {
      expect(browserCandidates('arc', lookup('linux', [], { PATH: '/usr/bin' }))).toEqual([]);
    });
  });

  describe('on macOS', () => {
    it('finds the executable inside the app bundle, in /Applications or ~/Applications', () => {
      expect(browserCandidates('chrome', lookup('darwin', []))).toEqual([
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Users/ana/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ]);
      const arc = '/Users/ana/Applications/Arc.app/Contents/MacOS/Arc';
      expect(findBrowser('arc', lookup('darwin', [arc]))).toBe(arc);
      const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
      expect(findBrowser('edge', lookup('darwin', [edge]))).toBe(edge);
      const firefox = '/Applications/Firefox.app/Contents/MacOS/firefox';
      expect(findBrowser('firefox', lookup('darwin', [firefox]))).toBe(firefox);
    });
  });

  describe('on Windows', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
    };

    it('looks in Program Files, Program Files (x86) and the per-user LocalAppData', () => {
      expect(browserCandidates('chrome', lookup('win32', [], env))).toEqual([
        'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      ]);
      const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
      expect(findBrowser('edge', lookup('win32', [edge], env))).toBe(edge);
      const brave =
        'C:\\Users\\ana\\AppData\\Local\\BraveSoftware\\Brave-Browser\\Application\\brave.exe';
      expect(findBrowser('brave', lookup('win32', [brave], env))).toBe(brave);
    });

    it('falls back to the usual folders when the variables are missing', () => {
      expect(browserCandidates('vivaldi', lookup('win32', []))).toEqual([
        'C:\\Program Files\\Vivaldi\\Application\\vivaldi.exe',
        'C:\\Program Files (x86)\\Vivaldi\\Application\\vivaldi.exe',
        'C:\\Users\\ana\\AppData\\Local\\Vivaldi\\Application\\vivaldi.exe',
      ]);
    });
  });
});

describe('resolving a browser setting for a role', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-browser-'));
    dirs.push(dir);
    return dir;
  };
  const role = { id: 'prod-admin', label: 'Prod admin', color: 'f2b0a9' };
  const installed = lookup('linux', ['/usr/bin/chromium', '/usr/bin/firefox'], {
    PATH: '/usr/bin',
  });

  it('gives a Chromium browser the role its own folder under the data folder', () => {
    expect(resolveBrowserTarget({ browser: 'chromium' }, role, '/cfg', installed)).toEqual({
      kind: 'chromium',
      executable: '/usr/bin/chromium',
      userDataDir: '/cfg/browser-profiles/prod-admin',
    });
    expect(
      resolveBrowserTarget(
        { browser: 'chromium', profileDirectory: 'Profile 2' },
        role,
        '/cfg',
        installed,
      ),
    ).toEqual({ kind: 'chromium', executable: '/usr/bin/chromium', profileDirectory: 'Profile 2' });
  });

  it('gives Firefox a container named and coloured after the role', () => {
    expect(resolveBrowserTarget({ browser: 'firefox-container' }, role, '/cfg', installed)).toEqual(
      {
        kind: 'firefox-container',
        executable: '/usr/bin/firefox',
        container: { name: 'Prod admin', color: 'red', icon: 'briefcase' },
      },
    );
  });

  it('takes a path to an executable file; a Firefox path means containers', () => {
    const dir = temp();
    const browser = join(dir, 'my-firefox');
    writeFileSync(browser, '#!/bin/sh\n');
    chmodSync(browser, 0o755);
    const real = systemBrowserLookup({ PATH: '' });
    expect(resolveBrowserTarget({ browser }, role, '/cfg', real)).toMatchObject({
      kind: 'firefox-container',
      executable: browser,
    });
  });

  it.each([
    ['a missing file', (dir: string) => join(dir, 'nope')],
    ['a folder', (dir: string) => dir],
    [
      'a file that is not executable',
      (dir: string) => {
        writeFileSync(join(dir, 'chrome'), 'x');
        chmodSync(join(dir, 'chrome'), 0o644);
        return join(dir, 'chrome');
      },
    ],
  ])('refuses %s as the browser path', (_what, make) => {
    const path = make(temp());
    expect(isExecutableFile(path)).toBe(false);
    expectInputError(
      () =>
        resolveBrowserTarget(
          { browser: path },
          role,
          '/cfg',
          systemBrowserLookup({ PATH: '' }),
          '--browser',
        ),
      '--browser',
      'is not an executable file',
    );
  });

  it('says so when a named browser is not installed', () => {
    expectInputError(
      () => resolveBrowserTarget({ browser: 'edge' }, role, '/cfg', installed, '--browser'),
      '--browser',
      'edge was not found on PATH or in the usual install places',
      'give the full path',
    );
  });

  it('creates the role profile folder and its parent owner-only, even under a wide umask', () => {
    const dir = temp();
    const userDataDir = join(dir, 'cfg', 'browser-profiles', 'prod-admin');
    const previous = process.umask(0o022);
    try {
      prepareBrowserTarget({ kind: 'chromium', executable: '/usr/bin/chromium', userDataDir });
    } finally {
      process.umask(previous);
    }
    expect(statSync(userDataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(userDataDir, '..')).mode & 0o777).toBe(0o700);
    mkdirSync(join(dir, 'other'), { mode: 0o755 });
    prepareBrowserTarget({
      kind: 'chromium',
      executable: '/usr/bin/chromium',
      userDataDir: join(dir, 'other'),
    });
    expect(statSync(join(dir, 'other')).mode & 0o777).toBe(0o700);
  });
});
