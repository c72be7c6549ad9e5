/**
 * `window.switchyard` for a page in plain Chromium, wired to a real engine in
 * the test process: what the preload and the main process's IPC handlers do
 * in the app, including Electron's wording of a rejected invoke ("Error
 * invoking remote method 'role:add': InputError: …"), so the renderer is
 * tested against the errors it will really see.
 */
import type { Page } from 'playwright-core';
import type {
  ConsoleMode,
  InvokeChannel,
  RoleForm,
  SwitchyardApi,
} from '../../../shared/ipc-contract';
import type { AccountPatch } from '../../../shared/account-name';
import type { Settings, Snapshot } from '../../../shared/model';
import type { SessionEngine } from '../../../electron/core/session/session-engine';
import type { SsoDesk } from '../../../electron/core/sso/sso-desk';
import { profileExportText, terminalEnvText } from '../../../electron/main/role-clipboard';
import { adminRequestText } from '../../../electron/main/admin-request';
import { roleConsoleUrl } from '../../../electron/main/open-role-console';
import type { SsoSignInRequest } from '../../../shared/sso-views';
import type { SubscriptionDesk } from '../../../electron/core/subscriptions/subscription-desk';
import type { SubscriptionAddRequest } from '../../../shared/subscription-model';

type Verb = Exclude<
  keyof SwitchyardApi,
  'onSnapshot' | 'onFocusRole' | 'onPopupVisibility' | 'onSsoProgress' | 'onSubscriptions'
>;

const CHANNEL_OF: Record<Verb, InvokeChannel> = {
  getSnapshot: 'snapshot:get',
  activate: 'role:activate',
  deactivate: 'role:deactivate',
  refresh: 'role:refresh',
  setDefault: 'role:set-default',
  openConsole: 'role:open-console',
  openConsoleAt: 'role:open-console-at',
  addRole: 'role:add',
  updateRole: 'role:update',
  removeRole: 'role:remove',
  copyProfileExport: 'role:copy-export',
  copyTerminalCommand: 'role:copy-terminal',
  copyForAdmin: 'role:copy-for-admin',
  submitMfaCode: 'mfa:submit',
  previewImport: 'import:preview',
  applyImport: 'import:apply',
  updateSettings: 'settings:update',
  updateAccount: 'account:update',
  hidePopup: 'popup:hide',
  recentActivity: 'activity:recent',
  sourceProfiles: 'profiles:sources',
  ssoSessions: 'sso:sessions',
  getSsoProgress: 'sso:progress',
  signInSso: 'sso:sign-in',
  cancelSsoSignIn: 'sso:cancel',
  openSsoVerificationPage: 'sso:open-verification',
  syncSso: 'sso:sync',
  signOutSso: 'sso:sign-out',
  subscriptions: 'subscriptions:list',
  addSubscription: 'subscriptions:add',
  syncSubscription: 'subscriptions:sync',
};

/** What the Electron shell would have done outside the engine. */
export interface ShellLog {
  readonly opened: { roleId: string; mode: ConsoleMode; url: string }[];
  readonly clipboard: string[];
  hidden: number;
  /** Every invoke, in order (channel names), for asserting what the UI asked for. */
  readonly calls: string[];
  /** Shortcuts "another app holds": the shell's registration of these fails. */
  readonly takenShortcuts: Set<string>;
}

/** What the shell adds to each snapshot: whether settings.shortcut could be registered. */
function withShortcutStatus(snapshot: Snapshot, log: ShellLog): Snapshot {
  const accelerator = snapshot.settings.shortcut;
  const registered = !log.takenShortcuts.has(accelerator);
  return {
    ...snapshot,
    shortcutStatus: registered
      ? { accelerator, registered }
      : { accelerator, registered, reason: 'taken' },
  };
}

export interface Bridge {
  readonly log: ShellLog;
  /** Push 'role:focus' as a clicked notification would. */
  focusRole(roleId: string): Promise<void>;
  /** Push 'popup:visibility' as the shell does when the popup is shown or hidden. */
  setPopupVisible(visible: boolean): Promise<void>;
  /** Resolves once every snapshot pushed so far has reached the page. */
  flush(): Promise<void>;
  dispose(): void;
}

function dispatch(
  engine: SessionEngine,
  desk: SsoDesk | undefined,
  catalogs: SubscriptionDesk | undefined,
  log: ShellLog,
  verb: Verb,
  args: unknown[],
) {
  const id = args[0] as string;
  if (verb === 'subscriptions') return catalogs ? catalogs.list() : [];
  if (verb === 'addSubscription' || verb === 'syncSubscription') {
    if (!catalogs) throw new Error('this popup has no subscription desk');
    return verb === 'addSubscription'
      ? catalogs.add(args[0] as SubscriptionAddRequest)
      : catalogs.sync(id, args[1] as boolean);
  }
  if (verb.includes('Sso') || verb === 'ssoSessions') {
    if (!desk) throw new Error('this popup has no Identity Center desk');
    return dispatchSso(desk, verb, args);
  }
  switch (verb) {
    case 'getSnapshot':
      return withShortcutStatus(engine.snapshot(), log);
    case 'activate':
      return engine.activate(id);
    case 'deactivate':
      return engine.deactivate(id);
    case 'refresh':
      return engine.refresh(args[0] as string | null);
    case 'setDefault':
      return engine.setDefault(args[0] as string | null);
    case 'openConsole': {
      const mode = args[1] as ConsoleMode;
      return roleConsoleUrl(engine, id, mode).then((url) => {
        log.opened.push({ roleId: id, mode, url });
      });
    }
    case 'openConsoleAt': {
      const mode = args[1] as ConsoleMode;
      const service = args[2] as string;
      return roleConsoleUrl(engine, id, mode, service).then(async (url) => {
        log.opened.push({ roleId: id, mode, url });
        const recent = engine.snapshot().settings.recentServices ?? [];
        await engine.updateSettings({
          recentServices: [service, ...recent.filter((s) => s !== service)].slice(0, 8),
        });
      });
    }
    case 'addRole':
      return engine.addRole(args[0] as RoleForm);
    case 'updateRole':
      return engine.updateRole(id, args[1] as RoleForm);
    case 'removeRole':
      return engine.removeRole(id);
    case 'copyProfileExport':
      return profileExportText(engine, id, 'linux').then((text) => {
        log.clipboard.push(text);
      });
    case 'copyForAdmin':
      log.clipboard.push(adminRequestText(engine.snapshot(), id));
      return undefined;
    case 'copyTerminalCommand':
      log.clipboard.push(terminalEnvText(engine, id, 'linux'));
      return undefined;
    case 'submitMfaCode':
      return engine.submitMfaCode(id, args[1] as string);
    case 'previewImport':
      return engine.previewImport();
    case 'sourceProfiles':
      return engine.sourceProfiles();
    case 'applyImport':
      return engine.applyImport(args[0] as readonly string[] | null);
    case 'updateSettings':
      return engine.updateSettings(args[0] as Partial<Settings>);
    case 'updateAccount':
      return engine.updateAccount(id, args[1] as AccountPatch);
    case 'hidePopup':
      log.hidden += 1;
      return undefined;
    case 'recentActivity':
      return engine.recentActivity();
    default:
      throw new Error(`unknown verb ${verb}`);
  }
}

function dispatchSso(desk: SsoDesk, verb: Verb, args: unknown[]) {
  switch (verb) {
    case 'ssoSessions':
      return desk.sessions();
    case 'getSsoProgress':
      return desk.progress();
    case 'signInSso':
      return desk.signIn(args[0] as SsoSignInRequest);
    case 'cancelSsoSignIn':
      return desk.cancel();
    case 'openSsoVerificationPage':
      return desk.openVerificationPage();
    case 'syncSso':
      return desk.sync(args[0] as string);
    case 'signOutSso':
      return desk.signOut(args[0] as string);
    default:
      throw new Error(`unknown verb ${verb}`);
  }
}

/** Runs in the page before its scripts: the preload's side of the bridge. */
function pageBridge(verbs: readonly string[]): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  // Looked up per call: Playwright defines the binding with its own init script.
  const call = (verb: string, args: unknown[]) =>
    (
      globalThis as unknown as {
        __switchyardInvoke: (verb: string, args: unknown[]) => Promise<unknown>;
      }
    ).__switchyardInvoke(verb, args);
  const on = (channel: string) => (listener: Listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    set.add(listener);
    return () => void set.delete(listener);
  };
  const api: Record<string, unknown> = {
    onSnapshot: on('snapshot:changed'),
    onFocusRole: on('role:focus'),
    onPopupVisibility: on('popup:visibility'),
    onSsoProgress: on('sso:progress'),
    onSubscriptions: on('subscriptions:changed'),
  };
  for (const verb of verbs) api[verb] = (...args: unknown[]) => call(verb, args);
  Object.defineProperty(window, 'switchyard', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(window, '__switchyardPush', {
    value: (channel: string, payload: unknown) => {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
  });
}

export async function installBridge(
  page: Page,
  engine: SessionEngine,
  desk?: SsoDesk,
  catalogs?: SubscriptionDesk,
): Promise<Bridge> {
  const log: ShellLog = {
    opened: [],
    clipboard: [],
    hidden: 0,
    calls: [],
    takenShortcuts: new Set(),
  };
  await page.exposeBinding('__switchyardInvoke', async (_source, verb: Verb, args: unknown[]) => {
    const channel = CHANNEL_OF[verb];
    log.calls.push(channel);
    try {
      return await dispatch(engine, desk, catalogs, log, verb, args);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      throw new Error(`Error invoking remote method '${channel}': ${err.name}: ${err.message}`);
    }
  });
  await page.addInitScript(pageBridge, Object.keys(CHANNEL_OF));

  // Pushes go out in order, one at a time, like messages on one IPC channel.
  let queue = Promise.resolve();
  const push = (channel: string, payload: unknown) => {
    queue = queue.then(() =>
      page
        .evaluate(
          ([c, p]) =>
            (
              window as unknown as { __switchyardPush?: (c: string, p: unknown) => void }
            ).__switchyardPush?.(c, p),
          [channel, payload] as const,
        )
        // A push during navigation or after close has nowhere to go; the page
        // fetches a fresh snapshot when it loads.
        .catch(() => undefined),
    );
    return queue;
  };
  const unsubscribe = engine.subscribe(
    (snapshot: Snapshot) => void push('snapshot:changed', withShortcutStatus(snapshot, log)),
  );
  const unsubscribeSso = desk?.onProgress((progress) => void push('sso:progress', progress));
  const unsubscribeCatalogs = catalogs?.onChange(
    (views) => void push('subscriptions:changed', views),
  );
  return {
    log,
    focusRole: (roleId) => push('role:focus', roleId),
    setPopupVisible: (visible) => push('popup:visibility', visible),
    flush: () => queue,
    dispose: () => {
      unsubscribe();
      unsubscribeSso?.();
      unsubscribeCatalogs?.();
    },
  };
}
