import type { SwitchyardApi } from '../../shared/ipc-contract';
import type { TypedIpcRenderer } from './typed-ipc-renderer';

/**
 * window.switchyard: named verbs only (Electron Fiddle's src/preload/preload.ts
 * pattern). Each verb forwards its own arguments to one channel, so the page
 * cannot pick a channel or reach ipcRenderer.
 */
export function createSwitchyardApi(ipc: TypedIpcRenderer): SwitchyardApi {
  const { invoke, subscribe } = ipc;
  return {
    getSnapshot: () => invoke('snapshot:get'),
    onSnapshot: (listener) => subscribe('snapshot:changed', (snapshot) => listener(snapshot)),
    onFocusRole: (listener) => subscribe('role:focus', (roleId) => listener(roleId)),
    onPopupVisibility: (listener) => subscribe('popup:visibility', (visible) => listener(visible)),
    activate: (roleId) => invoke('role:activate', roleId),
    deactivate: (roleId) => invoke('role:deactivate', roleId),
    refresh: (roleId) => invoke('role:refresh', roleId),
    setDefault: (roleId) => invoke('role:set-default', roleId),
    openConsole: (roleId, mode) => invoke('role:open-console', roleId, mode),
    openConsoleAt: (roleId, mode, service) => invoke('role:open-console-at', roleId, mode, service),
    addRole: (form) => invoke('role:add', form),
    updateRole: (roleId, form) => invoke('role:update', roleId, form),
    removeRole: (roleId) => invoke('role:remove', roleId),
    copyProfileExport: (roleId) => invoke('role:copy-export', roleId),
    copyTerminalCommand: (roleId) => invoke('role:copy-terminal', roleId),
    copyForAdmin: (roleId) => invoke('role:copy-for-admin', roleId),
    submitMfaCode: (sourceKey, code) => invoke('mfa:submit', sourceKey, code),
    previewImport: () => invoke('import:preview'),
    applyImport: (only) => invoke('import:apply', only),
    sourceProfiles: () => invoke('profiles:sources'),
    updateSettings: (patch) => invoke('settings:update', patch),
    updateAccount: (accountId, patch) => invoke('account:update', accountId, patch),
    hidePopup: () => invoke('popup:hide'),
    recentActivity: () => invoke('activity:recent'),
    ssoSessions: () => invoke('sso:sessions'),
    getSsoProgress: () => invoke('sso:progress'),
    onSsoProgress: (listener) => subscribe('sso:progress', (progress) => listener(progress)),
    signInSso: (request) => invoke('sso:sign-in', request),
    cancelSsoSignIn: () => invoke('sso:cancel'),
    openSsoVerificationPage: () => invoke('sso:open-verification'),
    syncSso: (session) => invoke('sso:sync', session),
    signOutSso: (session) => invoke('sso:sign-out', session),
    subscriptions: () => invoke('subscriptions:list'),
    onSubscriptions: (listener) => subscribe('subscriptions:changed', (views) => listener(views)),
    addSubscription: (request) => invoke('subscriptions:add', request),
    syncSubscription: (name, yes) => invoke('subscriptions:sync', name, yes),
  };
}
