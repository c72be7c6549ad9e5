import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import type { Logger } from '../../../electron/main/logger';
import { ONLINE_POLL_MS } from '../../../electron/main/online-watcher';
import { rendererLocation } from '../../../electron/main/renderer-location';
import { startShell, type Shell } from '../../../electron/main/start-shell';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc-contract';
import { DEFAULT_SETTINGS, type Snapshot } from '../../../shared/model';
import type { SubscriptionView } from '../../../shared/subscription-model';
import * as fake from './fake-electron';
import {
  FakeEngine,
  FakeSsoDesk,
  HOUR,
  PLANTED,
  PLANTED_SSO_TOKEN,
  roleEntry,
  roleView,
  snapshotOf,
  T0,
} from './shell-fixtures';

const location = rendererLocation({
  mainDir: '/opt/Switchyard/resources/app.asar/out/main',
  isPackaged: true,
  devServerUrl: undefined,
});

const FORM = {
  label: 'Sandbox',
  roleArn: 'arn:aws:iam::123456789012:role/sandbox',
  profile: 'sandbox',
  source: { kind: 'profile', profile: 'login' },
};

function initialSnapshot(): Snapshot {
  return snapshotOf([roleView('prod'), roleView('dev')], {
    mfaPrompts: [
      { sourceKey: 'login', mfaSerial: 'arn:aws:iam::1:mfa/u', waitingRoleIds: ['prod'] },
    ],
  });
}

/** What the shell adds to every snapshot it sends: the default shortcut, bound. */
const BOUND = { accelerator: DEFAULT_SETTINGS.shortcut, registered: true } as const;
const withBound = (snapshot: Snapshot): Snapshot => ({ ...snapshot, shortcutStatus: BOUND });

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`INFO ${message}`),
    warn: (message) => lines.push(`WARN ${message}`),
    error: (message) => lines.push(`ERROR ${message}`),
  };
}

let engine: FakeEngine;
let desk: FakeSsoDesk;
let catalogs: ReturnType<typeof fakeSubscriptionDesk>;

/** A careless subscription desk: its views carry a field the page must never see. */
function fakeSubscriptionDesk() {
  let listener: ((views: readonly SubscriptionView[]) => void) | undefined;
  const view = {
    record: { name: 'platform', kind: 'https', location: 'https://roles.example.com/c.json' },
    status: { conflicts: [], etag: '"planted"' },
    roles: 3,
    planted: 'PLANTED-CATALOG-SECRET',
  } as unknown as SubscriptionView;
  return {
    list: vi.fn(async () => [view]),
    add: vi.fn(),
    sync: vi.fn(async (name: string) => ({
      name,
      result: 'review' as const,
      added: 3,
      changed: 1,
      removed: 1,
      heldBack: 0,
      activeRoles: ['Prod'],
      planted: 'PLANTED-CATALOG-SECRET',
    })),
    onChange: (next: (views: readonly SubscriptionView[]) => void) => {
      listener = next;
      return () => (listener = undefined);
    },
    emit: () => listener?.([view]),
  };
}
let clock: FakeClock;
let logger: ReturnType<typeof memoryLogger>;
let shell: Shell | undefined;
/** XDG_CONFIG_HOME for the shell: the Linux autostart entry lands here, never in the real home. */
let configHome: string;

function start(
  overrides: { platform?: NodeJS.Platform; isPackaged?: boolean; env?: NodeJS.ProcessEnv } = {},
): {
  window: fake.BrowserWindow;
  tray: fake.Tray;
} {
  shell = startShell({
    engine,
    desk,
    subscriptions: catalogs,
    logger,
    clock,
    platform: overrides.platform ?? 'linux',
    isPackaged: overrides.isPackaged ?? true,
    preloadPath: '/opt/Switchyard/resources/app.asar/out/preload/index.cjs',
    location,
    trayIconDir: '/opt/Switchyard/resources/tray',
    env: { XDG_CONFIG_HOME: configHome, HOME: join(configHome, 'no-home'), ...overrides.env },
  });
  const window = fake.BrowserWindow.instances[0];
  const tray = fake.Tray.instances[0];
  if (!window || !tray) throw new Error('the shell made no window or tray');
  return { window, tray };
}

/** A message from the popup's own page. */
function fromPopup(window: fake.BrowserWindow) {
  return { webContents: window.webContents, frame: window.webContents.mainFrame };
}

beforeEach(() => {
  fake.resetFakeElectron();
  engine = new FakeEngine(initialSnapshot());
  // A careless engine: its views carry credentials. Nothing of it may reach the page.
  engine.leaky = true;
  desk = new FakeSsoDesk();
  desk.leaky = true;
  catalogs = fakeSubscriptionDesk();
  clock = new FakeClock(T0);
  logger = memoryLogger();
  configHome = mkdtempSync(join(tmpdir(), 'switchyard-shell-'));
});

afterEach(() => {
  shell?.dispose();
  shell = undefined;
  rmSync(configHome, { recursive: true, force: true });
});

describe('IPC handlers', () => {
  it('registers a handler for every INVOKE_CHANNELS entry, and nothing else', () => {
    start();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it.each([
    ['role:activate', ['prod'], 'activate', ['prod']],
    ['role:deactivate', ['dev'], 'deactivate', ['dev']],
    ['role:refresh', [null], 'refresh', [null]],
    ['role:refresh', ['prod'], 'refresh', ['prod']],
    ['role:set-default', ['dev'], 'setDefault', ['dev']],
    ['role:add', [FORM], 'addRole', [FORM]],
    ['role:update', ['prod', FORM], 'updateRole', ['prod', FORM]],
    ['role:remove', ['dev'], 'removeRole', ['dev']],
    ['mfa:submit', ['login', '123456'], 'submitMfaCode', ['login', '123456']],
    ['import:preview', [], 'previewImport', []],
    ['import:apply', [null], 'applyImport', [null]],
    ['import:apply', [['prod', 'dev']], 'applyImport', [['prod', 'dev']]],
    ['activity:recent', [], 'recentActivity', []],
    ['profiles:sources', [], 'sourceProfiles', []],
    ['settings:update', [{ launchAtLogin: true }], 'updateSettings', [{ launchAtLogin: true }]],
    [
      'account:update',
      ['111122223333', { alias: 'acme-prod' }],
      'updateAccount',
      ['111122223333', { alias: 'acme-prod' }],
    ],
  ] as const)('%s %j reaches engine.%s', async (channel, args, verb, expected) => {
    const { window } = start();
    await fake.invokeMain(channel, fromPopup(window), ...args);
    expect(engine[verb]).toHaveBeenCalledWith(...expected);
  });

  it("role:copy-export puts a live role's profile export on the clipboard, activating nothing", async () => {
    engine.current = snapshotOf([roleView('prod', { state: 'active' }), roleView('dev')]);
    const { window } = start({ platform: 'linux' });
    await fake.invokeMain('role:copy-export', fromPopup(window), 'prod');
    expect(engine.profileOf).toHaveBeenCalledWith('prod');
    expect(engine.activate).not.toHaveBeenCalled();
    expect(fake.clipboard.writeText).toHaveBeenCalledWith('export AWS_PROFILE=prod');
  });

  it('role:copy-export activates a role with no live session first, then copies', async () => {
    const { window } = start({ platform: 'linux' });
    engine.activate.mockImplementationOnce(async () => {
      engine.emit(snapshotOf([roleView('prod', { state: 'active' }), roleView('dev')]));
    });
    await fake.invokeMain('role:copy-export', fromPopup(window), 'prod');
    expect(engine.activate).toHaveBeenCalledWith('prod');
    expect(fake.clipboard.writeText).toHaveBeenCalledWith('export AWS_PROFILE=prod');
  });

  it('role:copy-export waits for an activation the refresher carries out (passive engine)', async () => {
    const { window } = start({ platform: 'linux' });
    engine.activate.mockImplementationOnce(async () => {
      engine.emit(snapshotOf([roleView('prod', { state: 'activating' }), roleView('dev')]));
    });
    const copied = fake.invokeMain('role:copy-export', fromPopup(window), 'prod');
    await vi.waitFor(() => expect(engine.activate).toHaveBeenCalled());
    expect(fake.clipboard.writeText).not.toHaveBeenCalled();
    engine.emit(snapshotOf([roleView('prod', { state: 'active' }), roleView('dev')]));
    await copied;
    expect(fake.clipboard.writeText).toHaveBeenCalledWith('export AWS_PROFILE=prod');
  });

  it('role:copy-export reports a failed activation and copies nothing', async () => {
    const { window } = start({ platform: 'linux' });
    engine.activate.mockImplementationOnce(async () => {
      engine.emit(
        snapshotOf([
          roleView('prod', {
            state: 'error',
            error: { kind: 'needs-user', code: 'AccessDenied', message: 'not authorized' },
          }),
          roleView('dev'),
        ]),
      );
    });
    await expect(fake.invokeMain('role:copy-export', fromPopup(window), 'prod')).rejects.toThrow(
      /^prod could not be activated, so nothing was copied: The trust policy of role \S+ does not let/,
    );
    expect(fake.clipboard.writeText).not.toHaveBeenCalled();
  });

  it('role:copy-for-admin copies the caller and role ARNs of a trust-policy failure', async () => {
    const caller = 'arn:aws:iam::123456789012:user/dev';
    const message = `AccessDenied: User: ${caller} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/prod`;
    const error = { kind: 'needs-user', code: 'AccessDenied', message } as const;
    engine.current = snapshotOf([roleView('prod', { state: 'error', error }), roleView('dev')]);
    const { window } = start();
    await fake.invokeMain('role:copy-for-admin', fromPopup(window), 'prod');
    expect(fake.clipboard.writeText).toHaveBeenCalledWith(
      `Please allow ${caller} to assume arn:aws:iam::123456789012:role/prod (add it to the role's trust policy). AWS said: ${message}`,
    );
    await expect(fake.invokeMain('role:copy-for-admin', fromPopup(window), 'dev')).rejects.toThrow(
      'dev has no access error to send to an admin',
    );
  });

  it.each([
    ['linux', 'Prod admin', `eval "$(switchyard env 'Prod admin')"`],
    ['darwin', "it's", `eval "$(switchyard env 'it'\\''s')"`],
    ['win32', "it's", `switchyard env 'it''s' --shell powershell | Invoke-Expression`],
  ] as const)(
    'role:copy-terminal on %s copies the env line for %j, activating nothing',
    async (platform, label, line) => {
      engine.current = snapshotOf([roleView('prod', { role: roleEntry('prod', { label }) })]);
      const { window } = start({ platform });
      await fake.invokeMain('role:copy-terminal', fromPopup(window), 'prod');
      expect(fake.clipboard.writeText).toHaveBeenCalledWith(line);
      expect(engine.activate).not.toHaveBeenCalled();
    },
  );

  it('role:copy-terminal names the role by id when another role shares its label', async () => {
    engine.current = snapshotOf([
      roleView('prod', { role: roleEntry('prod', { label: 'Admin' }) }),
      roleView('dev', { role: roleEntry('dev', { label: 'admin ' }) }),
    ]);
    const { window } = start({ platform: 'linux' });
    await fake.invokeMain('role:copy-terminal', fromPopup(window), 'dev');
    expect(fake.clipboard.writeText).toHaveBeenCalledWith(`eval "$(switchyard env 'dev')"`);
  });

  it('popup:hide hides the popup', async () => {
    const { window } = start();
    window.show();
    await fake.invokeMain('popup:hide', fromPopup(window));
    expect(window.isVisible()).toBe(false);
  });

  it('snapshot:get answers with the projected snapshot', async () => {
    const { window } = start();
    const snapshot = await fake.invokeMain('snapshot:get', fromPopup(window));
    expect(snapshot).toEqual(withBound(initialSnapshot()));
  });
});

describe('Identity Center channels', () => {
  const SIGN_IN = {
    kind: 'start-url',
    startUrl: 'https://d-1.awsapps.com/start',
    region: 'us-east-1',
    flow: 'device',
  };

  it.each([
    ['sso:sign-in', [SIGN_IN], 'signIn', [SIGN_IN]],
    [
      'sso:sign-in',
      [{ kind: 'session', session: 'corp', flow: 'pkce' }],
      'signIn',
      [{ kind: 'session', session: 'corp', flow: 'pkce' }],
    ],
    ['sso:cancel', [], 'cancel', []],
    ['sso:open-verification', [], 'openVerificationPage', []],
    ['sso:sync', ['corp'], 'sync', ['corp']],
    ['sso:sign-out', ['corp'], 'signOut', ['corp']],
  ] as const)('%s %j reaches desk.%s', async (channel, args, verb, expected) => {
    const { window } = start();
    await fake.invokeMain(channel, fromPopup(window), ...args);
    expect(desk[verb]).toHaveBeenCalledWith(...expected);
  });

  it('answers and pushes team catalog views from their allow-lists only', async () => {
    const { window } = start();
    const sender = fromPopup(window);
    catalogs.emit();
    const listed = await fake.invokeMain('subscriptions:list', sender);
    const synced = await fake.invokeMain('subscriptions:sync', sender, 'platform', true);
    expect(catalogs.sync).toHaveBeenCalledWith('platform', true);
    const pushed = window.webContents.sent.filter((m) => m.channel === 'subscriptions:changed');
    const shown = {
      record: { name: 'platform', kind: 'https', location: 'https://roles.example.com/c.json' },
      status: { conflicts: [] },
      roles: 3,
    };
    expect(listed).toEqual([shown]);
    expect(pushed.map((m) => m.payload)).toEqual([[shown]]);
    expect(synced).toMatchObject({ name: 'platform', result: 'review', activeRoles: ['Prod'] });
    expect(JSON.stringify([listed, synced, pushed])).not.toContain('PLANTED');
    await expect(
      fake.invokeMain('subscriptions:sync', sender, 'platform', 'yes'),
    ).rejects.toThrow();
  });

  it('answers and pushes only the views, never a token the desk carried', async () => {
    const { window } = start();
    const sender = fromPopup(window);
    desk.emit({ phase: 'browser', session: 'corp' });
    const answers = [
      await fake.invokeMain('sso:sessions', sender),
      await fake.invokeMain('sso:progress', sender),
      await fake.invokeMain('sso:sync', sender, 'corp'),
      await fake.invokeMain('sso:sign-out', sender, 'corp'),
    ];
    const pushed = window.webContents.sent.filter((m) => m.channel === 'sso:progress');
    expect(pushed.map((m) => m.payload)).toEqual([{ phase: 'browser', session: 'corp' }]);
    expect(answers[1]).toEqual({ phase: 'browser', session: 'corp' });
    expect(answers[2]).toEqual({ session: 'corp', added: 2, updated: 0, gone: 1 });
    for (const payload of [...answers, ...pushed.map((m) => m.payload)]) {
      expect(JSON.stringify(payload)).not.toContain(PLANTED_SSO_TOKEN);
    }
  });

  it.each([
    ['sso:sign-in', [{ ...SIGN_IN, flow: 'telepathy' }]],
    ['sso:sign-in', [{ ...SIGN_IN, accessToken: 'x' }]],
    ['sso:sign-in', [{ kind: 'url', url: 'https://evil.example/' }]],
    ['sso:sign-in', [{ kind: 'session', session: 7, flow: 'pkce' }]],
    ['sso:sync', [['corp']]],
    ['sso:sign-out', []],
    ['sso:open-verification', ['https://evil.example/']],
  ] as [InvokeChannel, unknown[]][])(
    'refuses %s %j before the desk sees it',
    async (channel, args) => {
      const { window } = start();
      await expect(fake.invokeMain(channel, fromPopup(window), ...args)).rejects.toThrow();
      for (const verb of ['signIn', 'sync', 'signOut', 'openVerificationPage'] as const) {
        expect(desk[verb]).not.toHaveBeenCalled();
      }
    },
  );
});

describe('trusted senders', () => {
  const attempts: [
    string,
    (window: fake.BrowserWindow) => { webContents: unknown; frame: fake.FakeFrame | null },
  ][] = [
    [
      'another webContents',
      (window) => ({
        webContents: new fake.FakeWebContents(),
        frame: window.webContents.mainFrame,
      }),
    ],
    [
      'the popup showing another page',
      (window) => ({
        webContents: window.webContents,
        frame: { url: 'https://evil.example/', parent: null },
      }),
    ],
    [
      'the popup showing another local file',
      (window) => ({
        webContents: window.webContents,
        frame: { url: 'file:///tmp/index.html', parent: null },
      }),
    ],
    [
      'a sub-frame of the popup',
      (window) => ({
        webContents: window.webContents,
        frame: { url: window.webContents.mainFrame.url, parent: window.webContents.mainFrame },
      }),
    ],
    ['a frame that is gone', (window) => ({ webContents: window.webContents, frame: null })],
  ];

  it.each(attempts)(
    'refuses %s on every channel, before the engine sees it',
    async (_what, sender) => {
      const { window } = start();
      for (const channel of INVOKE_CHANNELS) {
        await expect(fake.invokeMain(channel, sender(window), 'prod')).rejects.toThrow(
          /untrusted sender/,
        );
      }
      for (const verb of [
        'activate',
        'deactivate',
        'refresh',
        'addRole',
        'updateSettings',
      ] as const) {
        expect(engine[verb]).not.toHaveBeenCalled();
      }
      expect(logger.lines.filter((line) => line.includes('untrusted sender'))).toHaveLength(
        INVOKE_CHANNELS.length,
      );
    },
  );
});

describe('argument validation', () => {
  it.each([
    ['role:activate', ['no-such-role']],
    ['role:activate', [{ id: 'prod' }]],
    ['role:activate', []],
    ['role:refresh', ['prod', 'extra']],
    ['role:open-console', ['prod', 'shell']],
    ['role:add', [{ ...FORM, id: 'mine' }]],
    ['role:add', ['{"label":"x"}']],
    ['role:update', ['prod', { ...FORM, durationSeconds: '1h' }]],
    ['mfa:submit', ['someone-else', '123456']],
    ['settings:update', [{ shortcut: 1 }]],
    ['settings:update', [{ theme: 'dark' }]],
    ['account:update', ['111122223333', { alias: 1 }]],
    ['account:update', ['111122223333', { nick: 'x' }]],
    ['account:update', ['111122223333']],
    ['account:update', ['111122223333', { autoAlias: 'yes' }]],
    ['account:update', ['111122223333', { alias: 'x', autoAlias: true }]],
  ] as [InvokeChannel, unknown[]][])(
    '%s %j is rejected before the engine sees it',
    async (channel, args) => {
      const { window } = start();
      await expect(fake.invokeMain(channel, fromPopup(window), ...args)).rejects.toThrow(
        /IpcArgument|must|takes|not a role|not waiting|does not know|cannot/,
      );
      for (const verb of [
        'activate',
        'refresh',
        'addRole',
        'updateRole',
        'submitMfaCode',
        'updateSettings',
        'updateAccount',
      ] as const) {
        expect(engine[verb]).not.toHaveBeenCalled();
      }
    },
  );

  it('checks role ids against the snapshot current when the message arrives', async () => {
    const { window } = start();
    engine.emit(snapshotOf([roleView('prod')]));
    await expect(fake.invokeMain('role:activate', fromPopup(window), 'dev')).rejects.toThrow(
      /not a role/,
    );
  });
});

describe('the popup window', () => {
  it("is created with Electron's security checklist settings and loads our renderer", () => {
    const { window } = start();
    expect(window.options).toMatchObject({
      show: false,
      frame: false,
      skipTaskbar: true,
      webPreferences: {
        preload: '/opt/Switchyard/resources/app.asar/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
      },
    });
    expect(window.loadedUrl).toBe(location.url);
  });

  it('logs a page that fails to load', async () => {
    fake.BrowserWindow.loadError = new Error('ERR_FILE_NOT_FOUND');
    start();
    await Promise.resolve();
    expect(logger.lines).toContain('ERROR the popup page did not load');
  });

  it('refuses navigation, redirects, webviews and new windows', () => {
    const { window } = start();
    const contents = window.webContents;
    for (const event of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ]) {
      expect(contents.emitPreventable(event, 'https://evil.example/').defaultPrevented).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://signin.aws.amazon.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('denies every permission request and check', () => {
    start();
    const ses = fake.session.defaultSession;
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'geolocation',
      'openExternal',
    ]) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(undefined, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.(undefined, permission, 'file://', {})).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('a plain-http STS endpoint', () => {
  it('is warned about in the log, once, naming the host but not the URL', () => {
    start({ env: { AWS_ENDPOINT_URL_STS: 'http://user:pw@sts.example.net:8080/x' } });
    const warnings = logger.lines.filter((line) => line.includes('plain http'));
    expect(warnings).toEqual([
      'WARN AWS_ENDPOINT_URL_STS is plain http to a non-loopback host (sts.example.net:8080); session credentials cross the network unencrypted',
    ]);
  });

  it('is not warned about for https or loopback', () => {
    start({
      env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL: 'https://x' },
    });
    expect(logger.lines.filter((line) => line.includes('plain http'))).toEqual([]);
  });
});

describe('opening the console', () => {
  // A federated sign-in activates a role with no live session first; these roles are live.
  beforeEach(() => {
    engine.current = snapshotOf([roleView('prod', { state: 'active' }), roleView('dev')]);
  });

  it('signs in to an inactive role by activating it first (as "Copy export" does)', async () => {
    engine.current = snapshotOf([roleView('prod'), roleView('dev')]);
    const { window } = start();
    engine.consoleUrl.mockResolvedValueOnce(
      'https://us-east-1.console.aws.amazon.com/console/home',
    );
    engine.activate.mockImplementationOnce(async () => {
      engine.emit(snapshotOf([roleView('prod', { state: 'active' }), roleView('dev')]));
    });
    await fake.invokeMain('role:open-console', fromPopup(window), 'prod', 'federated');
    expect(engine.activate).toHaveBeenCalledWith('prod');
    expect(engine.consoleUrl).toHaveBeenCalledWith('prod', 'federated');
  });

  it('a sign-in whose activation fails says why in words and opens nothing', async () => {
    engine.current = snapshotOf([roleView('prod'), roleView('dev')]);
    const { window } = start();
    engine.activate.mockImplementationOnce(async () => {
      const error = {
        kind: 'needs-user',
        code: 'InvalidClientTokenId',
        message: 'invalid',
      } as const;
      engine.emit(snapshotOf([roleView('prod', { state: 'error', error }), roleView('dev')]));
    });
    await expect(
      fake.invokeMain('role:open-console', fromPopup(window), 'prod', 'federated'),
    ).rejects.toThrow(
      'prod could not be activated, so the console was not opened: The access key is wrong or was deleted (profile login).',
    );
    expect(engine.consoleUrl).not.toHaveBeenCalled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens the engine-built AWS URL with shell.openExternal', async () => {
    const { window } = start();
    engine.consoleUrl.mockResolvedValueOnce(
      'https://us-east-1.console.aws.amazon.com/console/home',
    );
    await fake.invokeMain('role:open-console', fromPopup(window), 'prod', 'switch-role');
    expect(engine.consoleUrl).toHaveBeenCalledWith('prod', 'switch-role');
    expect(fake.shell.openExternal).toHaveBeenCalledWith(
      'https://us-east-1.console.aws.amazon.com/console/home',
    );
  });

  it.each([
    'https://signin.aws.amazon.com.evil.example/federation',
    'https://signin.aws.amazon.com@evil.example/',
    'http://signin.aws.amazon.com/federation',
    'https://evil.example/?next=https://signin.aws.amazon.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s and never hands it to the OS', async (url) => {
    const { window } = start();
    engine.consoleUrl.mockResolvedValueOnce(url);
    await expect(
      fake.invokeMain('role:open-console', fromPopup(window), 'prod', 'federated'),
    ).rejects.toThrow(/not an AWS sign-in or console page/);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('hands the OS a one-time loopback redirect, not a federated link with its token', async () => {
    const { window } = start();
    const login = `https://signin.aws.amazon.com/federation?Action=login&Issuer=switchyard&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=${PLANTED.sessionToken}`;
    engine.consoleUrl.mockResolvedValueOnce(login);
    await fake.invokeMain('role:open-console', fromPopup(window), 'prod', 'federated');
    const [[opened]] = fake.shell.openExternal.mock.calls as [[string]];
    expect(opened).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
    expect(opened).not.toContain(PLANTED.sessionToken);
    const first = await fetch(opened, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(new URL(login).href);
    await expect(fetch(opened, { signal: AbortSignal.timeout(5000) })).rejects.toThrow();
  });

  it('the refusal does not repeat the URL (it may hold a sign-in token)', async () => {
    const { window } = start();
    engine.consoleUrl.mockResolvedValueOnce(
      `https://evil.example/?SigninToken=${PLANTED.sessionToken}`,
    );
    const error = await fake
      .invokeMain('role:open-console', fromPopup(window), 'prod', 'federated')
      .catch((e: unknown) => e as Error);
    expect(String(error)).not.toContain(PLANTED.sessionToken);
  });
});

describe('snapshots pushed to the renderer', () => {
  it('carry no access key, secret or token, whatever the engine holds', async () => {
    const { window } = start();
    const sender = fromPopup(window);
    await fake.invokeMain('role:activate', sender, 'prod');
    engine.emit(
      snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + HOUR }), roleView('dev')]),
    );
    engine.emit(snapshotOf([roleView('prod', { state: 'refreshing', expiresAt: T0 + HOUR })]));
    const fetched = await fake.invokeMain('snapshot:get', sender);

    const pushed = window.webContents.sent.filter((m) => m.channel === 'snapshot:changed');
    expect(pushed).toHaveLength(2);
    expect(engine.credentials.size).toBeGreaterThan(0);
    for (const payload of [...pushed.map((m) => m.payload), fetched]) {
      const text = JSON.stringify(payload);
      for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/credentials|internals/);
    }
    expect(pushed[1]?.payload).toEqual(
      withBound(snapshotOf([roleView('prod', { state: 'refreshing', expiresAt: T0 + HOUR })])),
    );
  });

  it('are pushed on every engine change, in order', () => {
    const { window } = start();
    const a = snapshotOf([roleView('prod', { state: 'activating' })]);
    const b = snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + HOUR })]);
    engine.emit(a);
    engine.emit(b);
    expect(window.webContents.sent.map((m) => m.payload)).toEqual([withBound(a), withBound(b)]);
  });

  it('are dropped once the page is gone', () => {
    const { window } = start();
    window.webContents.destroyed = true;
    engine.emit(snapshotOf([]));
    expect(window.webContents.sent).toEqual([]);
  });
});

describe('tray', () => {
  it('on Linux always has a native menu, rebuilt when the snapshot changes (not on a timer)', () => {
    const { tray } = start({ platform: 'linux' });
    expect(tray.contextMenu).toBeDefined();
    const before = tray.contextMenus.length;
    clock.advance(HOUR);
    expect(tray.contextMenus.length).toBe(before);

    engine.emit(snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + 3 * HOUR })]));
    expect(tray.contextMenus.length).toBe(before + 1);
    const labels = tray.contextMenu?.template.map((item) => item.label ?? item.type);
    expect(labels).toEqual(
      expect.arrayContaining(['Open Switchyard', 'Refresh all', 'Quit Switchyard']),
    );
    expect(labels?.some((label) => String(label).startsWith('prod — until '))).toBe(true);
  });

  it('menu items open the popup, focus a role, refresh all and quit', () => {
    const { window, tray } = start({ platform: 'linux' });
    engine.emit(snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + 3 * HOUR })]));
    const item = (match: (label: string) => boolean) => {
      const found = tray.contextMenu?.template.find((i) => match(String(i.label)));
      if (!found) throw new Error('menu item not found');
      return found.click as () => void;
    };
    item((l) => l.startsWith('prod'))();
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: 'role:focus', payload: 'prod' });
    item((l) => l === 'Refresh all')();
    expect(engine.refresh).toHaveBeenCalledWith(null);
    item((l) => l === 'Quit Switchyard')();
    expect(fake.app.quit).toHaveBeenCalled();
  });

  it('the icon follows the state', () => {
    const { tray } = start({ platform: 'linux' });
    expect(tray.image.path).toBe('/opt/Switchyard/resources/tray/tray-attention-linux.png');
    engine.emit(snapshotOf([roleView('prod', { state: 'active', expiresAt: T0 + 3 * HOUR })]));
    expect(tray.image.path).toBe('/opt/Switchyard/resources/tray/tray-fresh-linux.png');
    engine.emit(snapshotOf([roleView('prod')]));
    expect(tray.image.path).toBe('/opt/Switchyard/resources/tray/tray-idle-linux.png');
  });

  it('a left click toggles the popup', () => {
    const { window, tray } = start({ platform: 'win32' });
    tray.bounds = { x: 1700, y: 1044, width: 32, height: 32 };
    tray.emit('click');
    expect(window.isVisible()).toBe(true);
    expect(window.position).toEqual([1700 + 16 - 190, 1040 - 560]);
    tray.emit('click');
    expect(window.isVisible()).toBe(false);
  });
});

describe('notifications', () => {
  it('shows what the engine reports; a click opens the popup on that role', () => {
    const { window } = start();
    engine.notify({
      kind: 'needs-mfa',
      roleId: 'prod',
      title: 'MFA code needed',
      body: 'for prod',
    });
    const note = fake.Notification.instances[0];
    expect(note?.options).toEqual({ title: 'MFA code needed', body: 'for prod' });
    expect(note?.shown).toBe(true);
    note?.emit('click');
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: 'role:focus', payload: 'prod' });
  });

  it('waits for the page to load before focusing the role', () => {
    const { window } = start();
    window.webContents.loading = true;
    engine.notify({ kind: 'failed', roleId: 'dev', title: 'Refresh failed', body: 'AccessDenied' });
    fake.Notification.instances[0]?.emit('click');
    const focused = () => window.webContents.sent.filter((m) => m.channel === 'role:focus');
    expect(focused()).toEqual([]);
    window.webContents.loading = false;
    window.webContents.emit('did-finish-load');
    expect(focused()).toEqual([{ channel: 'role:focus', payload: 'dev' }]);
  });

  it('stays quiet where notifications are unsupported', () => {
    start();
    fake.Notification.supported = false;
    engine.notify({ kind: 'expired', roleId: 'prod', title: 'Expired', body: 'prod' });
    expect(fake.Notification.instances).toEqual([]);
  });
});

describe('power and network', () => {
  it('resume and unlock-screen re-plan the engine and re-check the network', () => {
    start();
    expect(engine.setOnline.mock.calls).toEqual([[true]]);
    fake.powerMonitor.emit('resume');
    fake.net.online = false;
    fake.powerMonitor.emit('unlock-screen');
    expect(engine.resume).toHaveBeenCalledTimes(2);
    expect(engine.setOnline.mock.calls).toEqual([[true], [false]]);
  });

  it('polls net.isOnline() slowly and reports changes only', () => {
    start();
    fake.net.online = false;
    clock.advance(ONLINE_POLL_MS);
    clock.advance(ONLINE_POLL_MS * 4);
    fake.net.online = true;
    clock.advance(ONLINE_POLL_MS);
    expect(engine.setOnline.mock.calls).toEqual([[true], [false], [true]]);
  });
});

describe('settings', () => {
  it('binds settings.shortcut to open the popup, and follows changes', () => {
    const { window } = start();
    expect([...fake.globalShortcut.registered.keys()]).toEqual([DEFAULT_SETTINGS.shortcut]);
    fake.globalShortcut.registered.get(DEFAULT_SETTINGS.shortcut)?.();
    expect(window.isVisible()).toBe(true);

    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, shortcut: 'Alt+Shift+S' } }));
    expect([...fake.globalShortcut.registered.keys()]).toEqual(['Alt+Shift+S']);
  });

  it('tells the popup whether the shortcut could be registered, in every snapshot', async () => {
    fake.globalShortcut.taken.add('Alt+Shift+T');
    const { window } = start();
    const sender = fromPopup(window);
    const statusOf = (snapshot: unknown) => (snapshot as Snapshot).shortcutStatus;
    expect(statusOf(await fake.invokeMain('snapshot:get', sender))).toEqual(BOUND);

    const saved = (shortcut: string) => {
      engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, shortcut } }));
      return statusOf(window.webContents.sent.at(-1)?.payload);
    };
    expect(saved('Alt+Shift+T')).toEqual({
      accelerator: 'Alt+Shift+T',
      registered: false,
      reason: 'taken',
    });
    expect(statusOf(await fake.invokeMain('snapshot:get', sender))).toMatchObject({
      registered: false,
    });
    expect(saved('Bogus+Key')).toEqual({
      accelerator: 'Bogus+Key',
      registered: false,
      reason: 'invalid',
    });
    expect(saved('Alt+Shift+S')).toEqual({ accelerator: 'Alt+Shift+S', registered: true });
  });

  it('logs a shortcut that is taken or invalid, and carries on', () => {
    fake.globalShortcut.taken.add(DEFAULT_SETTINGS.shortcut);
    start();
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, shortcut: 'Bogus+Key' } }));
    expect(fake.globalShortcut.registered.size).toBe(0);
    expect(logger.lines.filter((line) => line.startsWith('WARN shortcut'))).toHaveLength(2);
  });

  it('applies launchAtLogin to the login items on macOS and Windows', async () => {
    start({ platform: 'darwin' });
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled();
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: true } }));
    await vi.waitFor(() =>
      expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true }),
    );
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: true } }));
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1);
  });

  it('on Linux writes an XDG autostart entry, and removes it when switched off', async () => {
    const entry = join(configHome, 'autostart', 'switchyard.desktop');
    start({ platform: 'linux' });
    expect(existsSync(entry)).toBe(false);
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: true } }));
    await vi.waitFor(() =>
      expect(readFileSync(entry, 'utf8')).toContain(`Exec=${JSON.stringify(process.execPath)}`),
    );
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: false } }));
    await vi.waitFor(() => expect(existsSync(entry)).toBe(false));
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('leaves login items alone in unpackaged runs', () => {
    start({ platform: 'linux', isPackaged: false });
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: true } }));
    expect(existsSync(join(configHome, 'autostart'))).toBe(false);
    shell?.dispose();
    fake.resetFakeElectron();
    start({ platform: 'win32', isPackaged: false });
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: true } }));
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('logs an autostart entry it cannot write, and carries on', async () => {
    // A file where the autostart folder should be.
    rmSync(configHome, { recursive: true, force: true });
    writeFileSync(configHome, 'not a folder');
    start({ platform: 'linux' });
    engine.emit(snapshotOf([], { settings: { ...DEFAULT_SETTINGS, launchAtLogin: true } }));
    await vi.waitFor(() =>
      expect(
        logger.lines.some((line) => line.startsWith('WARN could not change the login item')),
      ).toBe(true),
    );
    rmSync(configHome, { force: true });
  });
});

describe('lifecycle', () => {
  it('a second instance shows the popup', () => {
    const { window } = start();
    fake.app.emit('second-instance');
    expect(window.isVisible()).toBe(true);
  });

  it('dispose removes every handler and listener it added', () => {
    const { tray } = start();
    shell?.dispose();
    shell = undefined;
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(engine.listenerCount()).toBe(0);
    expect(fake.powerMonitor.listenerCount('resume')).toBe(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
    expect(fake.globalShortcut.registered.size).toBe(0);
    expect(tray.destroyed).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });
});
