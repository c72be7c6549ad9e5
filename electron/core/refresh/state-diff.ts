import type { StateRequest, StateResult, SwitchyardState } from './state-model';

/** What another process changed, as seen by a watcher. */
export interface StateChange {
  /** Roles whose `desired` changed, appeared with one, or disappeared. */
  readonly desiredChanged: readonly string[];
  /** Roles whose record changed in any way (desired included). */
  readonly sessionsChanged: readonly string[];
  /** Requests not present before, in file order. */
  readonly newRequests: readonly StateRequest[];
  /** Results not present before, in file order. */
  readonly newResults: readonly StateResult[];
}

export function diffState(previous: SwitchyardState, next: SwitchyardState): StateChange {
  const desiredChanged: string[] = [];
  const sessionsChanged: string[] = [];
  const ids = new Set([...Object.keys(previous.sessions), ...Object.keys(next.sessions)]);
  for (const id of [...ids].sort()) {
    const a = previous.sessions[id];
    const b = next.sessions[id];
    if (a?.desired !== b?.desired) desiredChanged.push(id);
    if (JSON.stringify(a) !== JSON.stringify(b)) sessionsChanged.push(id);
  }
  const oldRequests = new Set(previous.requests.map((r) => r.id));
  const oldResults = new Set(previous.results.map((r) => r.id));
  return {
    desiredChanged,
    sessionsChanged,
    newRequests: next.requests.filter((r) => !oldRequests.has(r.id)),
    newResults: next.results.filter((r) => !oldResults.has(r.id)),
  };
}

export function isEmptyChange(change: StateChange): boolean {
  return (
    change.sessionsChanged.length === 0 &&
    change.newRequests.length === 0 &&
    change.newResults.length === 0
  );
}
