import { randomUUID } from 'node:crypto';
import type { RoleEntry } from '../../../shared/model';
import type { ManagedProfile } from '../credentials/credentials-file';
import { addResult, claimRequests, setDesired } from '../refresh/state-changes';
import type { StateFile } from '../refresh/state-file';
import type {
  RequesterKind,
  SessionRecord,
  StateAction,
  StateRequest,
  StateResult,
  SwitchyardState,
} from '../refresh/state-model';
import type { SealedCode } from '../refresh/sealed-code';
import type { Live } from './live-session';
import { requestBatches } from './request-batches';
import type { SessionManagerDeps } from './session-deps';

/**
 * The sessions to resume at start-up: a role is active if the state file says
 * so, or (no record at all) its profile is in the credentials file with its ARN.
 */
export function recoveredSessions(
  roles: readonly RoleEntry[],
  state: SwitchyardState,
  managed: readonly ManagedProfile[],
  now: number,
): [string, Live][] {
  const byProfile = new Map(managed.map((m) => [m.profile, m]));
  const recovered: [string, Live][] = [];
  for (const role of roles) {
    const record = state.sessions[role.id];
    const inFile = byProfile.get(role.profile);
    const ours = inFile !== undefined && inFile.roleArn === role.roleArn;
    const desiredActive = record ? record.desired === 'active' : ours;
    if (!desiredActive) continue;
    const expiresAt = ours ? inFile.expiresAt : undefined;
    recovered.push([
      role.id,
      {
        state: expiresAt !== undefined && expiresAt > now ? 'active' : 'expired',
        // Unknown issue time: the planner applies the full margin.
        expiresAt: expiresAt ?? now,
        failures: 0,
        chained: role.source.kind === 'role' || role.mfaSerial !== undefined,
        // Until the engine reads the Identity Center token again, its last known end.
        ...(record?.signInEndsAt !== undefined ? { signInEndsAt: record.signInEndsAt } : {}),
        inFlight: false,
        inFile: ours,
        profile: role.profile,
      },
    ]);
  }
  return recovered;
}

/** Reads the state and credentials files for the sessions to resume at start-up. */
export async function sessionsToResume(
  deps: Pick<SessionManagerDeps, 'stateFile' | 'credentials' | 'catalog' | 'clock'>,
): Promise<[string, Live][]> {
  const [state, managed] = await Promise.all([
    deps.stateFile.read(),
    deps.credentials.listManaged(),
  ]);
  return recoveredSessions(deps.catalog.list(), state, managed, deps.clock.now());
}

/** A passive engine's view: the refresher's records, as sessions it does not drive. */
export function adoptedSessions(state: SwitchyardState): [string, Live][] {
  return Object.entries(state.sessions)
    .filter(([, record]) => record.desired === 'active')
    .map(([id, record]) => [
      id,
      {
        state: record.state,
        ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
        ...(record.error ? { error: record.error } : {}),
        ...(record.issuedAt !== undefined ? { issuedAt: record.issuedAt } : {}),
        ...(record.mfaEndsAt !== undefined ? { mfaEndsAt: record.mfaEndsAt } : {}),
        ...(record.signInEndsAt !== undefined ? { signInEndsAt: record.signInEndsAt } : {}),
        failures: 0,
        chained: false,
        inFlight: false,
        inFile: false,
      },
    ]);
}

/** Records what other processes see (no secrets) for these roles, in one state-file write. */
export async function persistSessions(
  stateFile: StateFile,
  roleIds: readonly string[],
  liveOf: (roleId: string) => Live | undefined,
  now: number,
): Promise<void> {
  await stateFile.update((current) => {
    // One copy of the sessions map for the whole round, not one per role.
    const sessions: Record<string, SessionRecord> = { ...current.sessions };
    for (const id of roleIds) {
      const live = liveOf(id);
      if (!live) {
        delete sessions[id];
        continue;
      }
      sessions[id] = {
        desired: 'active',
        state: live.state,
        ...(live.expiresAt !== undefined ? { expiresAt: live.expiresAt } : {}),
        ...(live.error ? { error: live.error } : {}),
        ...(live.issuedAt !== undefined ? { issuedAt: live.issuedAt } : {}),
        ...(live.mfaEndsAt !== undefined ? { mfaEndsAt: live.mfaEndsAt } : {}),
        ...(live.signInEndsAt !== undefined ? { signInEndsAt: live.signInEndsAt } : {}),
        updatedAt: now,
      };
    }
    return { ...current, sessions };
  });
}

/** Seals an MFA code into a request, from the state as it is under the lock (its key). */
export type CodeSealer = (
  current: SwitchyardState,
  request: { readonly id: string; readonly roleId: string },
) => SealedCode | undefined;

/**
 * Leaves requests for the refresher: several roles in one state-file write
 * (not one locked write per role). Returns the request ids in the order given.
 */
export async function writeRequests(
  stateFile: StateFile,
  action: StateAction,
  roleIds: readonly string[],
  from: { pid: number; kind: RequesterKind },
  now: number,
  seal?: CodeSealer,
): Promise<string[]> {
  const ids = roleIds.map(() => randomUUID());
  if (roleIds.length === 0) return ids;
  await stateFile.update((current) => {
    let next: SwitchyardState = current;
    if (action !== 'refresh') {
      for (const roleId of roleIds)
        next = setDesired(next, roleId, action === 'activate' ? 'active' : 'inactive', now);
    }
    const added = roleIds.map((roleId, i): StateRequest => {
      const id = ids[i]!;
      const mfaCode = seal?.(current, { id, roleId });
      return { id, action, roleId, createdAt: now, from, ...(mfaCode ? { mfaCode } : {}) };
    });
    return { ...next, requests: [...next.requests, ...added] };
  });
  return ids;
}

/**
 * Claims the requests other processes left (under the file's lock, so none
 * runs twice), carries them out batch by batch and records each batch's
 * results in one write. A batch runs together (carryOut gets it whole, so
 * MFA codes in it are used before its rounds start), so its activations and
 * refreshes share one round (one credentials-file write, STS calls in parallel).
 */
export async function answerRequests(
  stateFile: StateFile,
  now: () => number,
  carryOut: (batch: readonly StateRequest[]) => Promise<StateResult[]>,
): Promise<number> {
  let claimed: readonly StateRequest[] = [];
  await stateFile.update((current) => {
    const result = claimRequests(current, now());
    claimed = result.claimed;
    return result.state;
  });
  // A batch that fails (its work, or writing its results) must not strand the
  // batches after it: their requesters would wait out their timeout for nothing.
  let firstError: unknown;
  for (const batch of requestBatches(claimed)) {
    try {
      const results = await carryOut(batch);
      await stateFile.update((current) => {
        const at = now();
        return results.reduce((state, result) => addResult(state, result, at), current);
      });
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError !== undefined) throw firstError;
  return claimed.length;
}
