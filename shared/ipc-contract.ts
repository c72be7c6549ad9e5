import type {
  SubscriptionAddRequest,
  SubscriptionSyncSummary,
  SubscriptionView,
} from './subscription-model';
/**
 * The one contract between the tray popup (renderer) and the main process.
 * Main and preload are typed from it; raw ipcMain/ipcRenderer appear in exactly
 * one wrapper each. Nothing in it carries a secret: snapshots hold views only.
 */
import type { AccountName, AccountPatch } from './account-name';
import type { ActivityEntry } from './activity';
import type { RoleEntry, Settings, Snapshot } from './model';
import type {
  SsoProgress,
  SsoSessionView,
  SsoSignInRequest,
  SsoSignOutSummary,
  SsoSyncSummary,
} from './sso-views';

/** A role as the add/edit form sends it (no id: the catalog assigns one). */
export type RoleForm = Omit<
  RoleEntry,
  'id' | 'tags' | 'importedFrom' | 'notGrantedSince' | 'subscription'
> & {
  readonly tags?: readonly string[];
};

/** What importing ~/.aws/config would do, for the preview. */
export interface ConfigImportPreview {
  readonly configPath: string;
  /** The path as people write it: `~/` for the home folder. */
  readonly shownPath: string;
  /** False when there is no config file at all (the first-run screen says where to put one). */
  readonly configExists: boolean;
  /** What the file holds: role_arn profiles, Identity Center role profiles, [sso-session]s. */
  readonly found: {
    readonly roleProfiles: number;
    readonly ssoProfiles: number;
    readonly ssoSessions: number;
  };
  readonly toAdd: readonly RoleEntry[];
  readonly toUpdate: readonly { readonly before: RoleEntry; readonly after: RoleEntry }[];
  /** `inCatalog`: the label of the catalog role the profile already is. */
  readonly skipped: readonly {
    readonly profile: string;
    readonly reason: string;
    readonly inCatalog?: string;
  }[];
}

/** A profile of ~/.aws/credentials and/or ~/.aws/config a role could be assumed from. */
export interface SourceProfileView {
  readonly name: string;
  readonly where: 'credentials' | 'config' | 'both';
}

export type ConsoleMode = 'switch-role' | 'federated';

/** Invoke channels: name → [argument tuple, result]. */
export interface InvokeContract {
  'snapshot:get': [[], Snapshot];
  'role:activate': [[roleId: string], void];
  'role:deactivate': [[roleId: string], void];
  /** null refreshes every active role. */
  'role:refresh': [[roleId: string | null], void];
  'role:set-default': [[roleId: string | null], void];
  'role:open-console': [[roleId: string, mode: ConsoleMode], void];
  /** "Open in…": a service's console page (it moves to the front of the recent services). */
  'role:open-console-at': [[roleId: string, mode: ConsoleMode, service: string], void];
  'role:add': [[form: RoleForm], RoleEntry];
  'role:update': [[roleId: string, form: RoleForm], RoleEntry];
  'role:remove': [[roleId: string], void];
  /** Activates the role first when it has no live session; rejects, copying nothing, if that fails. */
  'role:copy-export': [[roleId: string], void];
  /** Copies the `switchyard env` line for the role; activates nothing. */
  'role:copy-terminal': [[roleId: string], void];
  /** The role's failure is a trust policy: copy a ready message (caller ARN, role ARN) for its admin. */
  'role:copy-for-admin': [[roleId: string], void];
  'mfa:submit': [[sourceKey: string, code: string], void];
  'import:preview': [[], ConfigImportPreview];
  /** `only`: the config profiles to import (null: every one the preview offers). */
  'import:apply': [
    [only: readonly string[] | null],
    { readonly added: number; readonly updated: number },
  ];
  'settings:update': [[patch: Partial<Settings>], Settings];
  /** Sets or clears an account's alias and colour (bad input rejects with one line, changing nothing). */
  'account:update': [[accountId: string, patch: AccountPatch], AccountName];
  'popup:hide': [[], void];
  'activity:recent': [[], readonly ActivityEntry[]];
  /** The Add form's suggestions: profiles of both AWS files, not the ones catalog roles write. */
  'profiles:sources': [[], readonly SourceProfileView[]];
  /** IAM Identity Center: the sessions of ~/.aws/config and whether each is signed in. */
  'sso:sessions': [[], readonly SsoSessionView[]];
  /** Where the one sign-in stands (the popup asks when it loads; changes are pushed). */
  'sso:progress': [[], SsoProgress];
  /** Starts a sign-in; resolves once it has begun (bad input rejects, changing nothing). */
  'sso:sign-in': [[request: SsoSignInRequest], void];
  'sso:cancel': [[], void];
  /** Device flow: open the page of the code being shown (the main process holds its URL). */
  'sso:open-verification': [[], void];
  'sso:sync': [[session: string], SsoSyncSummary];
  'sso:sign-out': [[session: string], SsoSignOutSummary];
  /** Team catalog subscriptions with their last sync (changes are pushed). */
  'subscriptions:list': [[], readonly SubscriptionView[]];
  /** Subscribes and brings the roles in; a first fetch or check that fails rejects. */
  'subscriptions:add': [[request: SubscriptionAddRequest], SubscriptionSyncSummary];
  /** Syncs now; `yes` applies changes that remove or change active roles. */
  'subscriptions:sync': [[name: string, yes: boolean], SubscriptionSyncSummary];
}

/** Push channels (main → renderer): name → payload. */
export interface PushContract {
  'snapshot:changed': Snapshot;
  /** A notification was clicked: show this role. */
  'role:focus': string;
  /**
   * The popup window was shown (true) or hidden (false). The page cannot tell on
   * its own at launch: Electron paints a window created hidden as if it were seen.
   */
  'popup:visibility': boolean;
  /** The Identity Center sign-in moved on (code shown, browser, syncing, done, failed). */
  'sso:progress': SsoProgress;
  /** A subscription synced (on its own or when asked): the list, for the banner and Settings. */
  'subscriptions:changed': readonly SubscriptionView[];
}

export type InvokeChannel = keyof InvokeContract;
export type PushChannel = keyof PushContract;
export type InvokeArgs<C extends InvokeChannel> = InvokeContract[C][0];
export type InvokeResult<C extends InvokeChannel> = InvokeContract[C][1];

export const INVOKE_CHANNELS = [
  'snapshot:get',
  'role:activate',
  'role:deactivate',
  'role:refresh',
  'role:set-default',
  'role:open-console',
  'role:open-console-at',
  'role:add',
  'role:update',
  'role:remove',
  'role:copy-export',
  'role:copy-terminal',
  'role:copy-for-admin',
  'mfa:submit',
  'import:preview',
  'import:apply',
  'settings:update',
  'account:update',
  'popup:hide',
  'activity:recent',
  'profiles:sources',
  'sso:sessions',
  'sso:progress',
  'sso:sign-in',
  'sso:cancel',
  'sso:open-verification',
  'sso:sync',
  'sso:sign-out',
  'subscriptions:list',
  'subscriptions:add',
  'subscriptions:sync',
] as const satisfies readonly InvokeChannel[];

export const PUSH_CHANNELS = [
  'snapshot:changed',
  'role:focus',
  'popup:visibility',
  'sso:progress',
  'subscriptions:changed',
] as const satisfies readonly PushChannel[];

/**
 * What the preload exposes as `window.switchyard`: named verbs only. Listeners
 * get the payload, never the IPC event, and return an unsubscribe function.
 */
export interface SwitchyardApi {
  getSnapshot(): Promise<Snapshot>;
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  onFocusRole(listener: (roleId: string) => void): () => void;
  onPopupVisibility(listener: (visible: boolean) => void): () => void;
  activate(roleId: string): Promise<void>;
  deactivate(roleId: string): Promise<void>;
  refresh(roleId: string | null): Promise<void>;
  setDefault(roleId: string | null): Promise<void>;
  openConsole(roleId: string, mode: ConsoleMode): Promise<void>;
  openConsoleAt(roleId: string, mode: ConsoleMode, service: string): Promise<void>;
  addRole(form: RoleForm): Promise<RoleEntry>;
  updateRole(roleId: string, form: RoleForm): Promise<RoleEntry>;
  removeRole(roleId: string): Promise<void>;
  copyProfileExport(roleId: string): Promise<void>;
  copyTerminalCommand(roleId: string): Promise<void>;
  copyForAdmin(roleId: string): Promise<void>;
  submitMfaCode(sourceKey: string, code: string): Promise<void>;
  previewImport(): Promise<ConfigImportPreview>;
  applyImport(
    only: readonly string[] | null,
  ): Promise<{ readonly added: number; readonly updated: number }>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  updateAccount(accountId: string, patch: AccountPatch): Promise<AccountName>;
  hidePopup(): Promise<void>;
  /** The audit trail's last day, newest first. */
  recentActivity(): Promise<readonly ActivityEntry[]>;
  sourceProfiles(): Promise<readonly SourceProfileView[]>;
  ssoSessions(): Promise<readonly SsoSessionView[]>;
  getSsoProgress(): Promise<SsoProgress>;
  onSsoProgress(listener: (progress: SsoProgress) => void): () => void;
  signInSso(request: SsoSignInRequest): Promise<void>;
  cancelSsoSignIn(): Promise<void>;
  openSsoVerificationPage(): Promise<void>;
  syncSso(session: string): Promise<SsoSyncSummary>;
  signOutSso(session: string): Promise<SsoSignOutSummary>;
  subscriptions(): Promise<readonly SubscriptionView[]>;
  onSubscriptions(listener: (views: readonly SubscriptionView[]) => void): () => void;
  addSubscription(request: SubscriptionAddRequest): Promise<SubscriptionSyncSummary>;
  syncSubscription(name: string, yes: boolean): Promise<SubscriptionSyncSummary>;
}
