/**
 * The data model shared by the engine, the CLI and the tray menu. Plain,
 * readonly, serializable: epoch-ms numbers and string unions. Nothing here ever
 * holds a secret; views are what the renderer and `status --json` see.
 */

import type { AccountName } from './account-name';
import type { ConsoleBrowserSetting } from './console-browser';

/** Where a role's source (caller) credentials come from. */
export type RoleSource =
  /** A profile in ~/.aws/credentials or ~/.aws/config, resolved by the SDK. */
  | { readonly kind: 'profile'; readonly profile: string }
  /** Another catalog role: this role is assumed from that role's session (chaining). */
  | { readonly kind: 'role'; readonly roleId: string }
  /** Long-term IAM user keys stored in the OS keychain under this name. */
  | { readonly kind: 'keys'; readonly name: string }
  /** The SDK's default credential chain. */
  | { readonly kind: 'default' }
  /**
   * An IAM Identity Center permission set in one account: the role's session
   * comes from the portal's GetRoleCredentials (no AssumeRole), with the access
   * token of the `[sso-session NAME]` of ~/.aws/config named here.
   */
  | {
      readonly kind: 'sso';
      readonly session: string;
      readonly accountId: string;
      readonly roleName: string;
    };

export interface RoleEntry {
  readonly id: string;
  readonly label: string;
  readonly roleArn: string;
  /** The profile in the credentials file that receives this role's session. */
  readonly profile: string;
  readonly source: RoleSource;
  readonly externalId?: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly region?: string;
  /** MFA device of the source identity; the MFA session is shared by every role using it. */
  readonly mfaSerial?: string;
  /** Console colour, RRGGBB lowercase without '#'. */
  readonly color?: string;
  /** Group or account alias shown in the menu. */
  readonly group?: string;
  readonly tags: readonly string[];
  /**
   * The ~/.aws/config profile this entry was imported from, so a re-import
   * updates it instead of adding a duplicate. Local to one machine: catalog
   * exports leave it out.
   */
  readonly importedFrom?: string;
  /**
   * Identity Center roles only: when a sync last found this assignment no
   * longer granted (epoch ms). The role is kept with the user's edits; a later
   * sync that finds it again clears this.
   */
  readonly notGrantedSince?: number;
  /**
   * The team catalog subscription this role comes from (`switchyard catalog
   * subscribe`). Its definition (ARN, source, external id, duration) follows
   * the subscription and is read-only here; the rest is the user's own.
   * Local to one machine: catalog exports leave it out.
   */
  readonly subscription?: string;
  /** Where this role's console opens; absent: the settings' default, else the system browser. */
  readonly console?: ConsoleBrowserSetting;
}

export interface Settings {
  /** Refresh this long before a session's expiry. */
  readonly refreshMarginSeconds: number;
  /** Remove a managed profile from the credentials file once its session expired unrenewed. */
  readonly removeExpiredProfiles: boolean;
  readonly launchAtLogin: boolean;
  /** Electron accelerator for opening the popup. */
  readonly shortcut: string;
  /** Months of audit trail kept, the current one included (older month files are removed). */
  readonly auditRetentionMonths: number;
  /** Where consoles open for roles without their own setting; absent: the system browser. */
  readonly consoleBrowser?: ConsoleBrowserSetting;
  /** Console services opened lately, most recent first, for the tray's "Open in…". */
  readonly recentServices?: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  refreshMarginSeconds: 600,
  removeExpiredProfiles: true,
  launchAtLogin: false,
  shortcut: 'CommandOrControl+Shift+Y',
  auditRetentionMonths: 12,
};

export type SessionState =
  | 'inactive'
  | 'activating'
  | 'active'
  | 'refreshing'
  | 'expired'
  | 'needs-mfa'
  /** An Identity Center role whose session's token is gone: one sign-in resumes them all. */
  | 'needs-sign-in'
  | 'error';

export type ErrorKind = 'retryable' | 'needs-user' | 'invalid-request' | 'file';

export interface SessionErrorView {
  readonly kind: ErrorKind;
  readonly code: string;
  /** AWS's message (or the file error), one line, never a secret. */
  readonly message: string;
  /** When the next automatic retry is due (retryable errors only). */
  readonly retryAt?: number;
}

/** Why a live session will lapse unless the user acts. */
export type LapseReason =
  /** Its source's MFA session ends first: the next renewal needs a fresh code. */
  | 'mfa'
  /** It is chained from a role whose session lapses: the 1-hour chained cap ends first. */
  | 'chained'
  /** No process (tray app or `switchyard daemon`) is running to renew it. */
  | 'no-refresher'
  /** Its Identity Center token can no longer be refreshed: the next renewal needs a sign-in. */
  | 'sign-in';

/** Whether a live session renews itself, or lapses at `at` (epoch ms) and why. */
export type RenewalView =
  | { readonly kind: 'renews' }
  | { readonly kind: 'lapses'; readonly at: number; readonly reason: LapseReason };

export interface RoleView {
  readonly role: RoleEntry;
  readonly state: SessionState;
  readonly expiresAt?: number;
  readonly isDefault: boolean;
  /** True when assumed from temporary credentials: AWS caps it at 1 hour. */
  readonly chained: boolean;
  readonly error?: SessionErrorView;
  /** Live sessions only (active, refreshing): renews itself, or lapses when and why. */
  readonly renewal?: RenewalView;
  /** The name and colour of the role's account, when it has one (catalog `accounts`). */
  readonly account?: AccountName;
}

export interface MfaPromptView {
  /** The source identity that needs a code (profile or keychain source name). */
  readonly sourceKey: string;
  readonly mfaSerial: string;
  readonly waitingRoleIds: readonly string[];
}

/** An Identity Center session whose roles wait for a sign-in: one sign-in resumes them all. */
export interface SignInPromptView {
  /** The `[sso-session NAME]` of ~/.aws/config. */
  readonly session: string;
  readonly waitingRoleIds: readonly string[];
}

/**
 * Whether the shell could bind the saved shortcut: 'taken' when the system
 * refused it (another app holds it), 'invalid' when Electron could not parse it.
 */
export interface ShortcutStatus {
  readonly accelerator: string;
  readonly registered: boolean;
  readonly reason?: 'taken' | 'invalid';
}

export interface Snapshot {
  readonly roles: readonly RoleView[];
  readonly defaultRoleId?: string;
  readonly mfaPrompts: readonly MfaPromptView[];
  readonly signInPrompts: readonly SignInPromptView[];
  readonly settings: Settings;
  /** Whether this process refreshes sessions, or another one (tray app or daemon) does. */
  readonly refresher: { readonly active: boolean; readonly heldBy?: string };
  /** Set by the tray app's shell (the engine has no shortcut): the global shortcut's binding. */
  readonly shortcutStatus?: ShortcutStatus;
}
