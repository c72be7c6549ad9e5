/**
 * Team catalog subscriptions: a shared list of roles followed from a URL, a
 * file or a git repository. Plain, serializable, never a secret (a URL with
 * credentials in it is refused before it is stored).
 */

/** How the subscribed file is fetched. */
export type SubscriptionKind = 'https' | 'file' | 'git';

/** One subscription as the catalog stores it (catalog.json `subscriptions`). */
export interface SubscriptionRecord {
  /** Lowercase name, also the name of its files under <config folder>/subscriptions. */
  readonly name: string;
  readonly kind: SubscriptionKind;
  /** https URL (or loopback http), absolute file path, or git remote. */
  readonly location: string;
  /** git only: the branch or tag followed (default: the remote's HEAD). */
  readonly ref?: string;
  /** git only: the file inside the repository (default catalog.json). */
  readonly path?: string;
  /** Pinned content: the file's SHA-256 (hex), or for git the commit id. */
  readonly sha256?: string;
  /** How often the tray or daemon syncs it, in seconds; absent: only when asked. */
  readonly everySeconds?: number;
}

/** What a sync did or would do, in counts (the tray's banner and the CLI's summary line). */
export interface SubscriptionChangeCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** The last sync of one subscription, as the status file keeps it (no secrets, one-line texts). */
export interface SubscriptionStatus {
  /** When a fetch last ran (epoch ms), whatever came of it. */
  readonly checkedAt?: number;
  /** When its roles were last brought into the catalog (epoch ms). */
  readonly syncedAt?: number;
  /** Digest of the copy in use: SHA-256 of the file, or for git the commit id. */
  readonly digest?: string;
  /** The last fetch or validation problem, one line; the last good copy stays in use. */
  readonly error?: string;
  /** Roles held back by a conflict, each with why (one line each). */
  readonly conflicts: readonly string[];
  /** Changes fetched but waiting for the user because they remove or change an active role. */
  readonly review?: SubscriptionChangeCounts & { readonly activeRoles: readonly string[] };
}

/** A subscription with its status, as the tray and `catalog subscriptions --json` show it. */
export interface SubscriptionView {
  readonly record: SubscriptionRecord;
  readonly status: SubscriptionStatus;
  /** How many catalog roles it brings. */
  readonly roles: number;
}

/** The tray's "add a subscription" form: the same choices as `catalog subscribe`. */
export interface SubscriptionAddRequest {
  /** https URL, absolute file path, or git remote. */
  readonly source: string;
  readonly name?: string;
  readonly ref?: string;
  readonly path?: string;
  readonly sha256?: string;
  /** "30m", "1h", "1d"… */
  readonly every?: string;
}

/** What one sync did, for the tray (no roles, no secrets). */
export interface SubscriptionSyncSummary extends SubscriptionChangeCounts {
  readonly name: string;
  readonly result: 'applied' | 'dry-run' | 'review' | 'failed';
  readonly heldBack: number;
  /** Labels of the active roles the changes remove or change. */
  readonly activeRoles: readonly string[];
  readonly error?: string;
}
