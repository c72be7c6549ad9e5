import type { EndpointRecord, GrantRecord, SwitchyardState } from '../refresh/state-model';

/**
 * Pure edits of the grants and the endpoint record, for StateFile.update. Each
 * returns the same object when nothing changes, so update() writes nothing.
 */

export function addGrant(state: SwitchyardState, grant: GrantRecord): SwitchyardState {
  return { ...state, grants: [...(state.grants ?? []), grant] };
}

/** Drops every grant `drop` picks; the same object when it picks none. */
export function dropGrants(
  state: SwitchyardState,
  drop: (grant: GrantRecord) => boolean,
): SwitchyardState {
  const grants = state.grants ?? [];
  const kept = grants.filter((grant) => !drop(grant));
  if (kept.length === grants.length) return state;
  return { ...state, grants: kept };
}

/** Replaces one grant (e.g. without its used MFA code); the same object if it is gone. */
export function replaceGrant(state: SwitchyardState, grant: GrantRecord): SwitchyardState {
  const grants = state.grants ?? [];
  if (!grants.some((g) => g.id === grant.id)) return state;
  return { ...state, grants: grants.map((g) => (g.id === grant.id ? grant : g)) };
}

export function setEndpoint(state: SwitchyardState, endpoint: EndpointRecord): SwitchyardState {
  const current = state.endpoint;
  if (
    current?.port === endpoint.port &&
    current.pid === endpoint.pid &&
    current.startedAt === endpoint.startedAt &&
    current.grantFiles === endpoint.grantFiles
  ) {
    return state;
  }
  return { ...state, endpoint };
}
