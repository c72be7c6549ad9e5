import type { SessionErrorView, SessionState } from '../../../shared/model';
import type {
  CodeKeyRecord,
  DesiredState,
  SessionRecord,
  StateRequest,
  StateResult,
  SwitchyardState,
} from './state-model';

/**
 * Pure edits of the shared state, for StateFile.update. Each returns the same
 * object when nothing changes, so update() skips the write (and every watcher
 * is spared a wake-up).
 */

/** Requests older than this were written while no refresher ran; the next one drops them. */
export const REQUEST_MAX_AGE_MS = 10 * 60_000;
export const MAX_RESULTS = 50;
export const RESULT_MAX_AGE_MS = 60 * 60_000;

export function setDesired(
  state: SwitchyardState,
  roleId: string,
  desired: DesiredState,
  now: number,
): SwitchyardState {
  const current = state.sessions[roleId];
  if (current?.desired === desired) return state;
  const record: SessionRecord = current
    ? { ...current, desired, updatedAt: now }
    : { desired, state: 'inactive', updatedAt: now };
  return { ...state, sessions: { ...state.sessions, [roleId]: record } };
}

export interface SessionViewUpdate {
  readonly state: SessionState;
  readonly expiresAt?: number;
  readonly error?: SessionErrorView;
}

/** What the refresher publishes after each change; `desired` is left to whoever owns it. */
export function recordSession(
  state: SwitchyardState,
  roleId: string,
  view: SessionViewUpdate,
  now: number,
): SwitchyardState {
  const current = state.sessions[roleId];
  const record: SessionRecord = {
    desired: current?.desired ?? (view.state === 'inactive' ? 'inactive' : 'active'),
    state: view.state,
    ...(view.expiresAt !== undefined && { expiresAt: view.expiresAt }),
    ...(view.error !== undefined && { error: view.error }),
    updatedAt: now,
  };
  if (current && sameView(current, record)) return state;
  return { ...state, sessions: { ...state.sessions, [roleId]: record } };
}

export function removeSession(state: SwitchyardState, roleId: string): SwitchyardState {
  if (!Object.hasOwn(state.sessions, roleId)) return state;
  const sessions = { ...state.sessions };
  delete sessions[roleId];
  return { ...state, sessions };
}

/**
 * Queues a request for the refresher. activate/deactivate also set `desired`
 * in the same write, so the intent survives even if no refresher is running.
 */
export function addRequest(state: SwitchyardState, request: StateRequest): SwitchyardState {
  const withDesired =
    request.action === 'refresh'
      ? state
      : setDesired(
          state,
          request.roleId,
          request.action === 'activate' ? 'active' : 'inactive',
          request.createdAt,
        );
  return { ...withDesired, requests: [...withDesired.requests, request] };
}

export interface ClaimedRequests {
  readonly state: SwitchyardState;
  /** For the refresher to carry out, oldest first. */
  readonly claimed: readonly StateRequest[];
  /** Too old to act on; each got a failed result so a waiting CLI is not left hanging. */
  readonly dropped: readonly StateRequest[];
}

/**
 * Takes every pending request out of the file (under the lock, so none is
 * carried out twice). Use inside update() and keep `claimed` from the closure.
 */
export function claimRequests(
  state: SwitchyardState,
  now: number,
  maxAgeMs: number = REQUEST_MAX_AGE_MS,
): ClaimedRequests {
  if (state.requests.length === 0) return { state, claimed: [], dropped: [] };
  const claimed = state.requests.filter((r) => now - r.createdAt <= maxAgeMs);
  const dropped = state.requests.filter((r) => now - r.createdAt > maxAgeMs);
  let next: SwitchyardState = { ...state, requests: [] };
  for (const r of dropped) {
    next = addResult(
      next,
      {
        id: r.id,
        action: r.action,
        roleId: r.roleId,
        ok: false,
        message: 'no refresher picked this request up in time',
        finishedAt: now,
      },
      now,
    );
  }
  return { state: next, claimed, dropped };
}

/** Appends an outcome; keeps the last MAX_RESULTS of the past hour. */
export function addResult(
  state: SwitchyardState,
  result: StateResult,
  now: number,
): SwitchyardState {
  const kept = [...state.results, result].filter((r) => now - r.finishedAt <= RESULT_MAX_AGE_MS);
  return { ...state, results: kept.slice(-MAX_RESULTS) };
}

function sameView(a: SessionRecord, b: SessionRecord): boolean {
  return (
    a.desired === b.desired &&
    a.state === b.state &&
    a.expiresAt === b.expiresAt &&
    JSON.stringify(a.error) === JSON.stringify(b.error)
  );
}

/** Publishes the refresher's code key (replacing a dead refresher's); the same object if it is there already. */
export function setCodeKey(state: SwitchyardState, key: CodeKeyRecord): SwitchyardState {
  if (state.codeKey?.publicKey === key.publicKey) return state;
  return { ...state, codeKey: key };
}

/** Withdraws the code key only if it is still `publicKey`: a newer refresher's key stays. */
export function dropCodeKey(state: SwitchyardState, publicKey: string): SwitchyardState {
  if (state.codeKey?.publicKey !== publicKey) return state;
  const next: { -readonly [K in keyof SwitchyardState]: SwitchyardState[K] } = { ...state };
  delete next.codeKey;
  return next;
}
