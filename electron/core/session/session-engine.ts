import type { ConsoleDestination } from '../../../shared/console-destination';
import type {
  ConfigImportPreview,
  ConsoleMode,
  RoleForm,
  SourceProfileView,
} from '../../../shared/ipc-contract';
import type { ActivityEntry } from '../../../shared/activity';
import type { AccountName, AccountPatch } from '../../../shared/account-name';
import type { RoleEntry, Settings, Snapshot } from '../../../shared/model';

/**
 * Something the user should be told about (not routine refreshes). 'catalog'
 * and 'state' are about Switchyard's own files (roleId ''); 'internal' is a
 * fault in the engine or a listener, caught so it cannot end the process: one
 * line for the log, not a desktop notification.
 */
export interface SessionNotification {
  readonly kind:
    'needs-mfa' | 'needs-sign-in' | 'failed' | 'expired' | 'catalog' | 'state' | 'internal';
  readonly roleId: string;
  readonly title: string;
  readonly body: string;
}

/**
 * What the shells (tray app, CLI daemon, UI tests) drive. SessionManager
 * implements it; the Electron main process maps IPC channels onto it 1:1 and
 * adds only what needs Electron (opening URLs, the clipboard, the popup).
 */
export interface SessionEngine {
  snapshot(): Snapshot;
  /** Called with a full snapshot after every change. Returns an unsubscribe function. */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
  onNotification(listener: (notification: SessionNotification) => void): () => void;

  activate(roleId: string): Promise<void>;
  /**
   * Activates several roles (and the roles they chain from) together: one
   * round, one credentials-file write. Every name is checked first; an unknown
   * one activates nothing.
   */
  activateAll(roleIds: readonly string[]): Promise<void>;
  deactivate(roleId: string): Promise<void>;
  /** null refreshes every active role. */
  refresh(roleId: string | null): Promise<void>;
  setDefault(roleId: string | null): Promise<void>;
  submitMfaCode(sourceKey: string, code: string): Promise<void>;
  /**
   * Someone signed in to this Identity Center session: every role of it that
   * waits for a sign-in resumes, in one round. Returns how many roles that was.
   */
  signedIn(session: string): Promise<number>;

  addRole(form: RoleForm): Promise<RoleEntry>;
  updateRole(roleId: string, form: RoleForm): Promise<RoleEntry>;
  removeRole(roleId: string): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Sets or clears one account's alias and colour (the user's own: never replaced automatically). */
  updateAccount(accountId: string, patch: AccountPatch): Promise<AccountName>;
  previewImport(): Promise<ConfigImportPreview>;
  /** `only`: the config profiles to import (null or absent: all the preview offers). */
  applyImport(
    only?: readonly string[] | null,
  ): Promise<{ readonly added: number; readonly updated: number }>;
  /** The audit trail's last day, newest first (see shared/activity.ts). */
  recentActivity(): Promise<readonly ActivityEntry[]>;
  /** Profiles of both AWS files a new role could be assumed from (the Add form's suggestions). */
  sourceProfiles(): Promise<readonly SourceProfileView[]>;

  /** The console URL for a role (federated sign-in uses its live session). */
  consoleUrl(roleId: string, mode: ConsoleMode, destination?: ConsoleDestination): Promise<string>;
  /** The profile a role writes, for "copy export AWS_PROFILE=…". */
  profileOf(roleId: string): string;

  /** After sleep/resume, unlock or a wall-clock jump: re-plan every session now. */
  resume(): void;
  /** Offline pauses refresh attempts; online resumes them at once. */
  setOnline(online: boolean): void;
  stop(): Promise<void>;
}
