import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc-contract';
import type { ShortcutStatus } from '../../shared/model';
import type { SessionEngine } from '../core/session/session-engine';
import type { SsoDesk } from '../core/sso/sso-desk';
import { profileExportText, terminalEnvText } from './role-clipboard';
import { adminRequestText } from './admin-request';
import type { SubscriptionDesk } from '../core/subscriptions/subscription-desk';
import { projectSubscriptions, projectSyncSummary } from './subscription-projection';
import { openRoleConsole, openRoleConsoleAt } from './open-role-console';
import { projectSnapshot } from './snapshot-projection';
import {
  projectSsoProgress,
  projectSsoSessions,
  projectSsoSignOut,
  projectSsoSync,
} from './sso-projection';
import {
  handleInvoke,
  removeInvokeHandlers,
  type InvokeGuard,
  type InvokeHandler,
} from './typed-ipc-main';

/** What the handlers need besides the engine: the few things only Electron can do. */
export interface IpcShellActions {
  hidePopup(): void;
  openAwsUrl(url: string): Promise<void>;
  writeClipboard(text: string): void;
  readonly platform: NodeJS.Platform;
  /** Whether the global shortcut is bound, for the snapshot the popup asks for. */
  shortcutStatus?(): ShortcutStatus | undefined;
}

type Handlers = { readonly [C in InvokeChannel]: InvokeHandler<C> };

/** What the Identity Center channels drive (core/sso/sso-desk.ts). */
export type IpcSsoDesk = Pick<
  SsoDesk,
  'sessions' | 'progress' | 'signIn' | 'cancel' | 'openVerificationPage' | 'sync' | 'signOut'
>;

/** What the team catalog channels drive (core/subscriptions/subscription-desk.ts). */
export type IpcSubscriptionDesk = Pick<SubscriptionDesk, 'list' | 'add' | 'sync'>;

/**
 * Channel → engine, 1:1. The shell adds only what needs Electron: opening the
 * console URL the engine builds, the clipboard, hiding the popup. A mapped
 * type over the contract, so a new channel does not compile until handled.
 */
function invokeHandlers(
  engine: SessionEngine,
  shell: IpcShellActions,
  desk: IpcSsoDesk,
  subscriptions: IpcSubscriptionDesk,
): Handlers {
  return {
    'snapshot:get': () => projectSnapshot(engine.snapshot(), shell.shortcutStatus?.()),
    'role:activate': (roleId) => engine.activate(roleId),
    'role:deactivate': (roleId) => engine.deactivate(roleId),
    'role:refresh': (roleId) => engine.refresh(roleId),
    'role:set-default': (roleId) => engine.setDefault(roleId),
    'role:open-console': (roleId, mode) => openRoleConsole(engine, shell, roleId, mode),
    'role:open-console-at': (roleId, mode, service) =>
      openRoleConsoleAt(engine, shell, roleId, mode, service),
    'role:add': (form) => engine.addRole(form),
    'role:update': (roleId, form) => engine.updateRole(roleId, form),
    'role:remove': (roleId) => engine.removeRole(roleId),
    'role:copy-export': async (roleId) => {
      shell.writeClipboard(await profileExportText(engine, roleId, shell.platform));
    },
    'role:copy-terminal': (roleId) => {
      shell.writeClipboard(terminalEnvText(engine, roleId, shell.platform));
    },
    'role:copy-for-admin': (roleId) => {
      shell.writeClipboard(adminRequestText(engine.snapshot(), roleId));
    },
    'mfa:submit': (sourceKey, code) => engine.submitMfaCode(sourceKey, code),
    'import:preview': () => engine.previewImport(),
    'import:apply': (only) => engine.applyImport(only),
    'settings:update': (patch) => engine.updateSettings(patch),
    'account:update': (accountId, patch) => engine.updateAccount(accountId, patch),
    'popup:hide': () => shell.hidePopup(),
    'activity:recent': () => engine.recentActivity(),
    'profiles:sources': () => engine.sourceProfiles(),
    'sso:sessions': async () => projectSsoSessions(await desk.sessions()),
    'sso:progress': () => projectSsoProgress(desk.progress()),
    'sso:sign-in': (request) => desk.signIn(request),
    'sso:cancel': () => desk.cancel(),
    'sso:open-verification': () => desk.openVerificationPage(),
    'sso:sync': async (session) => projectSsoSync(await desk.sync(session)),
    'sso:sign-out': async (session) => projectSsoSignOut(await desk.signOut(session)),
    'subscriptions:list': async () => projectSubscriptions(await subscriptions.list()),
    'subscriptions:add': async (request) => projectSyncSummary(await subscriptions.add(request)),
    'subscriptions:sync': async (name, yes) =>
      projectSyncSummary(await subscriptions.sync(name, yes)),
  };
}

/** Registers a handler for every INVOKE_CHANNELS entry; returns the function that removes them. */
export function registerIpcHandlers(
  engine: SessionEngine,
  shell: IpcShellActions,
  desk: IpcSsoDesk,
  subscriptions: IpcSubscriptionDesk,
  guard: InvokeGuard,
): () => void {
  const handlers = invokeHandlers(engine, shell, desk, subscriptions);
  const register = <C extends InvokeChannel>(channel: C): void =>
    handleInvoke(channel, guard, handlers[channel]);
  for (const channel of INVOKE_CHANNELS) register(channel);
  return () => removeInvokeHandlers(INVOKE_CHANNELS);
}
