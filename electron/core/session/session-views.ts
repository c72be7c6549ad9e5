import type { AccountNames } from '../../../shared/account-name';
import { roleAccountId } from '../catalog/account-names';
import type {
  MfaPromptView,
  RoleEntry,
  RoleView,
  SessionErrorView,
  SessionState,
  Settings,
  SignInPromptView,
  Snapshot,
} from '../../../shared/model';
import type { CatalogData } from '../catalog/catalog-document';
import type { LiveSessions } from './live-sessions';
import type { SignInEnds } from '../sso/sign-in-ends';
import { renewalOf } from './renewal';

/** What the manager knows about one role's session. Never holds the credentials. */
export interface SessionStatus {
  readonly state: SessionState;
  readonly expiresAt?: number;
  readonly chained: boolean;
  readonly error?: SessionErrorView;
  /** When the session was issued; with the expiry, how long each renewal lasts. */
  readonly issuedAt?: number;
  /** When the MFA session it was assumed with ends (MFA sources only). */
  readonly mfaEndsAt?: number;
  /** Until when its Identity Center token can be had without a sign-in (SSO roles only). */
  readonly signInEndsAt?: number;
}

export interface SnapshotInput {
  readonly roles: readonly RoleEntry[];
  /** Account id → name; each view carries its account's. */
  readonly accounts?: AccountNames;
  readonly statuses: ReadonlyMap<string, SessionStatus>;
  readonly defaultRoleId: string | undefined;
  /** sourceKey → roles waiting for an MFA code on it. */
  readonly mfaWaiting: ReadonlyMap<string, { mfaSerial: string; roleIds: readonly string[] }>;
  readonly settings: Settings;
  readonly refresher: Snapshot['refresher'];
}

/**
 * An engine's snapshot: its catalog as it stands and its live sessions.
 * `signInEnds`: the engine's latest time per Identity Center session (from
 * the last token it handed out), newer than the one a role kept from its own
 * renewal when the token was refreshed or signed in again since.
 */
export function engineSnapshot(
  catalog: CatalogData,
  sessions: Pick<LiveSessions, 'entries' | 'mfaWaiting'>,
  refresher: Snapshot['refresher'],
  signInEnds?: Pick<SignInEnds, 'get'>,
): Snapshot {
  const ssoSession = new Map<string, string>();
  for (const role of catalog.roles) {
    if (role.source.kind === 'sso') ssoSession.set(role.id, role.source.session);
  }
  const statuses = new Map<string, SessionStatus>();
  for (const [id, live] of sessions.entries()) {
    const session = ssoSession.get(id);
    const latest = session === undefined ? undefined : signInEnds?.get(session);
    statuses.set(id, latest === undefined ? live : { ...live, signInEndsAt: latest });
  }
  return buildSnapshot({
    roles: catalog.roles,
    accounts: catalog.accounts,
    // Views copy state, expiry, chained and error from each session: never its credentials.
    statuses,
    defaultRoleId: catalog.defaultRoleId,
    mfaWaiting: sessions.mfaWaiting(),
    settings: catalog.settings,
    refresher,
  });
}

const INACTIVE: SessionStatus = { state: 'inactive', chained: false };

/** Pure: the snapshot every view renders from. Plain data, no secrets, frozen by the caller. */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const byId = new Map(input.roles.map((role) => [role.id, role]));
  const renewalContext = {
    refresherRunning: input.refresher.active || input.refresher.heldBy !== undefined,
    marginMs: input.settings.refreshMarginSeconds * 1000,
    role: (id: string) => byId.get(id),
    status: (id: string) => input.statuses.get(id),
  };
  const roles: RoleView[] = input.roles.map((role) => {
    const status = input.statuses.get(role.id) ?? INACTIVE;
    const renewal = renewalOf(role, status, renewalContext);
    const account = input.accounts?.[roleAccountId(role)];
    return {
      role,
      state: status.state,
      ...(status.expiresAt !== undefined ? { expiresAt: status.expiresAt } : {}),
      isDefault: role.id === input.defaultRoleId,
      chained: status.chained,
      ...(status.error ? { error: status.error } : {}),
      ...(renewal ? { renewal } : {}),
      ...(account ? { account } : {}),
    };
  });
  const mfaPrompts: MfaPromptView[] = [...input.mfaWaiting]
    .filter(([, w]) => w.roleIds.length > 0)
    // Copied: the snapshot is frozen, and the manager keeps appending to its own lists.
    .map(([sourceKey, w]) => ({
      sourceKey,
      mfaSerial: w.mfaSerial,
      waitingRoleIds: [...w.roleIds],
    }));
  return {
    roles,
    ...(input.defaultRoleId ? { defaultRoleId: input.defaultRoleId } : {}),
    mfaPrompts,
    signInPrompts: signInPrompts(roles),
    settings: input.settings,
    refresher: input.refresher,
  };
}

/**
 * Derived from the roles' states (not kept beside them), so a passive view
 * that only has the refresher's records shows the same prompts.
 */
function signInPrompts(roles: readonly RoleView[]): SignInPromptView[] {
  const bySession = new Map<string, string[]>();
  for (const view of roles) {
    const { source } = view.role;
    if (view.state !== 'needs-sign-in' || source.kind !== 'sso') continue;
    const waiting = bySession.get(source.session) ?? [];
    waiting.push(view.role.id);
    bySession.set(source.session, waiting);
  }
  return [...bySession].map(([session, waitingRoleIds]) => ({ session, waitingRoleIds }));
}
