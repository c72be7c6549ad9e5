import type { RoleEntry } from '../../../shared/model';
import { roleEvent, type AuditSink } from '../audit/role-event';
import type { CatalogStore } from '../catalog/catalog-store';
import type { CredentialsFile, ProfileChange } from '../credentials/credentials-file';
import type { Clock } from '../refresh/clock';
import { runBounded } from '../refresh/concurrency';
import type { AssumedRole } from '../sts/sts-gateway';
import type { LiveEffect } from './live-session';
import type { LiveSessions } from './live-sessions';
import type { RoleAssumer } from './role-assumer';
import { EngineStopping, withDeadline } from './deadline';
import { chainLevels } from './role-chains';
import { RoundContext } from './round-context';
import type { SessionNotification } from './session-engine';
import { SsoSignInNeeded } from '../sso/sso-errors';
import { failureView, NeedsMfa, oneLine } from './session-failure';

const DEFAULT_CONCURRENCY = 10;
/**
 * How long one role may take, source resolution and AssumeRole together, before
 * the round gives up on it (retried with backoff) and writes the others: one
 * stuck source must not hold every other role's fresh session hostage.
 */
export const DEFAULT_ROLE_DEADLINE_MS = 30_000;

export interface RefreshRoundDeps {
  readonly catalog: Pick<CatalogStore, 'list' | 'find' | 'defaultRoleId'>;
  readonly credentials: Pick<CredentialsFile, 'apply'>;
  readonly sessions: LiveSessions;
  readonly assumer: RoleAssumer;
  readonly clock: Clock;
  /** STS calls in flight at once. */
  readonly concurrency?: number;
  readonly emit: () => void;
  readonly tell: (notification: SessionNotification) => void;
  readonly persist: (roleIds: readonly string[]) => Promise<void>;
  /** The overall time one role may take (see DEFAULT_ROLE_DEADLINE_MS). */
  readonly roleDeadlineMs?: number;
  /** Aborted when the engine stops: calls in flight end at once and nothing is marked failed for it. */
  readonly stop?: AbortSignal;
  /** Told each role's outcome: assume (a new session), refresh (a renewed one) or failure. */
  readonly audit?: AuditSink;
}

/**
 * One refresh round: assume every role (sources before the roles chained from
 * them, bounded concurrency), then ONE credentials-file write for all of them,
 * then each role's outcome through the state machine and one state-file write.
 */
export async function runRefreshRound(
  deps: RefreshRoundDeps,
  roleIds: readonly string[],
): Promise<void> {
  const { catalog, sessions, clock } = deps;
  const byId = new Map(catalog.list().map((r) => [r.id, r]));
  const roles = [...new Set(roleIds)]
    .map((id) => byId.get(id))
    .filter((r): r is RoleEntry => r !== undefined);
  if (roles.length === 0) return;
  // Roles that held a session before this round are refreshed; the others assumed.
  const renewed = new Set(
    roles
      .filter((r) => {
        const live = sessions.get(r.id);
        return live?.inFile === true && live.state !== 'expired';
      })
      .map((r) => r.id),
  );
  for (const role of roles) sessions.apply({ type: 'started' }, role);
  deps.emit();

  const successes = await assumeAll(deps, roles);

  const now = clock.now();
  const defaultId = catalog.defaultRoleId();
  const changes: ProfileChange[] = [];
  for (const role of roles) {
    const assumed = successes.get(role.id);
    if (!assumed) continue;
    const put = { type: 'put', credentials: assumed.credentials, roleArn: role.roleArn } as const;
    changes.push({ ...put, profile: role.profile });
    if (role.id === defaultId) changes.push({ ...put, profile: 'default' });
  }
  let rejected = new Map<string, string>();
  let fileError: unknown;
  if (changes.length > 0) {
    try {
      const result = await deps.credentials.apply(changes);
      rejected = new Map(result.rejected.map((r) => [r.profile, r.reason]));
    } catch (error) {
      fileError = error;
    }
  }
  for (const role of roles) {
    sessions.apply({ type: 'settled', now }, role);
    const assumed = successes.get(role.id);
    if (!assumed) continue;
    const refusal = rejected.get(role.profile);
    if (fileError !== undefined) {
      // A lock or disk problem may clear: retried with backoff like a network fault.
      fail(deps, role, { fileProblem: oneLine(fileError), refused: false });
    } else if (refusal !== undefined) {
      // The profile now holds keys we must not overwrite: only the user can fix
      // that, so it is not retried (each retry would cost an STS call for nothing).
      fail(deps, role, { fileProblem: refusal, refused: true });
    } else {
      const { expiresAt } = assumed.credentials;
      const { chained, mfaEndsAt, signInEndsAt } = assumed;
      sessions.apply({ type: 'written', expiresAt, chained, mfaEndsAt, signInEndsAt, now }, role);
      const kind = renewed.has(role.id) ? 'refresh' : 'assume';
      deps.audit?.(roleEvent(kind, 'ok', role, { expiresAt, findRole: (id) => catalog.find(id) }));
    }
  }
  const defaultRole = defaultId ? catalog.find(defaultId) : undefined;
  if (rejected.has('default') && defaultRole) {
    deps.tell({
      kind: 'failed',
      roleId: defaultRole.id,
      title: `[default] was not written for ${defaultRole.label}`,
      body: rejected.get('default') ?? '',
    });
  }
  await deps.persist(roles.map((r) => r.id)).catch((error: unknown) => {
    // The state file is a convenience for other processes; refreshing goes on.
    deps.tell({
      kind: 'failed',
      roleId: roles[0]!.id,
      title: 'Switchyard could not update its state file',
      body: oneLine(error),
    });
  });
  deps.emit();
}

/** Level by level (a chained role needs its source's new session), with one RoundContext. */
async function assumeAll(
  deps: RefreshRoundDeps,
  roles: readonly RoleEntry[],
): Promise<Map<string, AssumedRole>> {
  const successes = new Map<string, AssumedRole>();
  const round = new RoundContext();
  try {
    for (const level of chainLevels(roles)) {
      await runBounded(level, deps.concurrency ?? DEFAULT_CONCURRENCY, async (role) => {
        try {
          const assumed = await withDeadline((signal) => deps.assumer.assume(role, round, signal), {
            ms: deps.roleDeadlineMs ?? DEFAULT_ROLE_DEADLINE_MS,
            what: `assuming ${role.label}`,
            ...(deps.stop ? { stop: deps.stop } : {}),
          });
          successes.set(role.id, assumed);
          // Chained roles in the next level use it.
          deps.sessions.apply({ type: 'holding', credentials: assumed.credentials }, role);
        } catch (error) {
          // Cut short by stop(): not the role's failure; it is refreshed when the engine runs again.
          if (error instanceof EngineStopping || deps.stop?.aborted) return;
          fail(deps, role, error);
        }
      });
    }
  } finally {
    round.close();
  }
  return successes;
}

function fail(deps: RefreshRoundDeps, role: RoleEntry, error: unknown): void {
  const now = deps.clock.now();
  const errorCode = failureCode(error);
  deps.audit?.(
    roleEvent('failure', 'error', role, { errorCode, findRole: (id) => deps.catalog.find(id) }),
  );
  if (error instanceof NeedsMfa) {
    deps.sessions.waitForMfa(error.sourceKey, error.mfaSerial, role.id);
    const event = { type: 'needs-mfa', mfaSerial: error.mfaSerial, now } as const;
    tellAll(deps, deps.sessions.apply({ ...event, reason: error.reason }, role));
    return;
  }
  if (error instanceof SsoSignInNeeded) {
    deps.sessions.apply({ type: 'needs-sign-in', reason: error.reason, now }, role);
    if (deps.sessions.waitForSignIn(error.session, role.id)) deps.tell(signInNotice(error, role));
    return;
  }
  tellAll(deps, deps.sessions.apply({ type: 'failed', error: failureView(error), now }, role));
}

function tellAll(deps: RefreshRoundDeps, effects: readonly LiveEffect[]): void {
  for (const effect of effects) if (effect.kind === 'notify') deps.tell(effect.notification);
}

/** Told once per Identity Center session, by the first of its roles to need it. */
function signInNotice(error: SsoSignInNeeded, role: RoleEntry): SessionNotification {
  return {
    kind: 'needs-sign-in',
    roleId: role.id,
    title: `Sign in to ${error.session} again`,
    body: `${error.reason}. Its roles wait and resume after one sign-in: Sign in in the menu, or run "switchyard sso login --session ${error.session}".`,
  };
}

/** The code a failure is recorded under in the audit trail. */
function failureCode(error: unknown): string {
  if (error instanceof NeedsMfa) return 'MfaRequired';
  if (error instanceof SsoSignInNeeded) return 'SignInRequired';
  return failureView(error).code;
}
