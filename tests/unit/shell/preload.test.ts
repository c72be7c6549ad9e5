import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import {
  INVOKE_CHANNELS,
  type InvokeChannel,
  type RoleForm,
  type SwitchyardApi,
} from '../../../shared/ipc-contract';
import * as fake from './fake-electron';
import { snapshotOf } from './shell-fixtures';

const FORM: RoleForm = {
  label: 'Prod',
  roleArn: 'arn:aws:iam::123456789012:role/admin',
  profile: 'prod',
  source: { kind: 'default' },
};

/** Every verb, the arguments we call it with, and the channel and arguments main must receive. */
const CALLS: { readonly [K in keyof SwitchyardApi]?: [unknown[], InvokeChannel, unknown[]] } = {
  getSnapshot: [[], 'snapshot:get', []],
  activate: [['prod'], 'role:activate', ['prod']],
  deactivate: [['prod'], 'role:deactivate', ['prod']],
  refresh: [[null], 'role:refresh', [null]],
  setDefault: [['prod'], 'role:set-default', ['prod']],
  openConsole: [['prod', 'federated'], 'role:open-console', ['prod', 'federated']],
  openConsoleAt: [
    ['prod', 'switch-role', 'ec2'],
    'role:open-console-at',
    ['prod', 'switch-role', 'ec2'],
  ],
  addRole: [[FORM], 'role:add', [FORM]],
  updateRole: [['prod', FORM], 'role:update', ['prod', FORM]],
  removeRole: [['prod'], 'role:remove', ['prod']],
  copyProfileExport: [['prod'], 'role:copy-export', ['prod']],
  copyTerminalCommand: [['prod'], 'role:copy-terminal', ['prod']],
  copyForAdmin: [['prod'], 'role:copy-for-admin', ['prod']],
  submitMfaCode: [['login', '123456'], 'mfa:submit', ['login', '123456']],
  previewImport: [[], 'import:preview', []],
  applyImport: [[['prod']], 'import:apply', [['prod']]],
  updateSettings: [[{ launchAtLogin: true }], 'settings:update', [{ launchAtLogin: true }]],
  updateAccount: [
    ['111122223333', { alias: 'acme-prod' }],
    'account:update',
    ['111122223333', { alias: 'acme-prod' }],
  ],
  hidePopup: [[], 'popup:hide', []],
  recentActivity: [[], 'activity:recent', []],
  sourceProfiles: [[], 'profiles:sources', []],
  ssoSessions: [[], 'sso:sessions', []],
  getSsoProgress: [[], 'sso:progress', []],
  signInSso: [
    [{ kind: 'session', session: 'corp', flow: 'device' }],
    'sso:sign-in',
    [{ kind: 'session', session: 'corp', flow: 'device' }],
  ],
  cancelSsoSignIn: [[], 'sso:cancel', []],
  openSsoVerificationPage: [[], 'sso:open-verification', []],
  syncSso: [['corp'], 'sso:sync', ['corp']],
  signOutSso: [['corp'], 'sso:sign-out', ['corp']],
  subscriptions: [[], 'subscriptions:list', []],
  addSubscription: [
    [{ source: '/srv/team.json' }],
    'subscriptions:add',
    [{ source: '/srv/team.json' }],
  ],
  syncSubscription: [['platform', true], 'subscriptions:sync', ['platform', true]],
};

const VERBS: Record<keyof SwitchyardApi, true> = {
  getSnapshot: true,
  onSnapshot: true,
  onFocusRole: true,
  onPopupVisibility: true,
  activate: true,
  deactivate: true,
  refresh: true,
  setDefault: true,
  openConsole: true,
  openConsoleAt: true,
  addRole: true,
  updateRole: true,
  removeRole: true,
  copyProfileExport: true,
  copyTerminalCommand: true,
  copyForAdmin: true,
  submitMfaCode: true,
  previewImport: true,
  applyImport: true,
  updateSettings: true,
  updateAccount: true,
  hidePopup: true,
  recentActivity: true,
  sourceProfiles: true,
  ssoSessions: true,
  getSsoProgress: true,
  onSsoProgress: true,
  signInSso: true,
  cancelSsoSignIn: true,
  openSsoVerificationPage: true,
  syncSso: true,
  signOutSso: true,
  subscriptions: true,
  onSubscriptions: true,
  addSubscription: true,
  syncSubscription: true,
};

let api: SwitchyardApi;

beforeAll(async () => {
  fake.resetFakeElectron();
  await import('../../../electron/preload/index');
  api = fake.contextBridge.exposed.get('switchyard') as SwitchyardApi;
});

beforeEach(() => {
  fake.ipcRenderer.invoke.mockReset();
  fake.ipcRenderer.removeAllListeners();
});

describe('preload', () => {
  it('exposes window.switchyard only: a frozen object of named verbs', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['switchyard']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(Object.keys(VERBS).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it.each(Object.entries(CALLS))(
    '%s invokes its one channel with its own arguments',
    async (verb, call) => {
      const [args, channel, sent] = call!;
      fake.ipcRenderer.invoke.mockResolvedValueOnce('result');
      const method = api[verb as keyof SwitchyardApi] as (...a: unknown[]) => Promise<unknown>;
      await expect(method(...args)).resolves.toBe('result');
      expect(fake.ipcRenderer.invoke.mock.calls).toEqual([[channel, ...sent]]);
    },
  );

  it('covers every invoke channel of the contract', () => {
    const channels = Object.values(CALLS).map((call) => call[1]);
    expect([...new Set(channels)].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('listeners get the payload only, never the IPC event, and can unsubscribe', () => {
    const snapshots = vi.fn();
    const focus = vi.fn();
    const visibility = vi.fn();
    const stopSnapshots = api.onSnapshot(snapshots);
    const stopFocus = api.onFocusRole(focus);
    const stopVisibility = api.onPopupVisibility(visibility);
    const progress = vi.fn();
    const stopProgress = api.onSsoProgress(progress);
    const event = { sender: 'ipcRenderer', ports: [] };
    const snapshot = snapshotOf([]);
    fake.ipcRenderer.emit('snapshot:changed', event, snapshot);
    fake.ipcRenderer.emit('role:focus', event, 'prod');
    fake.ipcRenderer.emit('popup:visibility', event, false);
    fake.ipcRenderer.emit('sso:progress', event, { phase: 'idle' });
    expect(progress.mock.calls).toEqual([[{ phase: 'idle' }]]);
    expect(snapshots.mock.calls).toEqual([[snapshot]]);
    expect(focus.mock.calls).toEqual([['prod']]);
    expect(visibility.mock.calls).toEqual([[false]]);

    stopSnapshots();
    stopFocus();
    stopVisibility();
    stopProgress();
    expect(fake.ipcRenderer.listenerCount('sso:progress')).toBe(0);
    expect(fake.ipcRenderer.listenerCount('snapshot:changed')).toBe(0);
    expect(fake.ipcRenderer.listenerCount('role:focus')).toBe(0);
    expect(fake.ipcRenderer.listenerCount('popup:visibility')).toBe(0);
  });

  it('keeps one subscription per call, each removable on its own', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onSnapshot(first);
    api.onSnapshot(second);
    stopFirst();
    fake.ipcRenderer.emit('snapshot:changed', {}, snapshotOf([]));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });
});
