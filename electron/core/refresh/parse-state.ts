import type { ErrorKind, SessionErrorView, SessionState } from '../../../shared/model';
import type { SealedCode } from './sealed-code';
import { StateFileError } from './state-file-error';
import {
  STATE_VERSION,
  type CodeKeyRecord,
  type EndpointRecord,
  type GrantKind,
  type GrantRecord,
  type RequesterKind,
  type SessionRecord,
  type StateAction,
  type StateRequest,
  type StateResult,
  type SwitchyardState,
} from './state-model';

// Records, not arrays, so the compiler flags a value added to the model but not here.
const SESSION_STATES: Record<SessionState, true> = {
  inactive: true,
  activating: true,
  active: true,
  refreshing: true,
  expired: true,
  'needs-mfa': true,
  'needs-sign-in': true,
  error: true,
};
const ERROR_KINDS: Record<ErrorKind, true> = {
  retryable: true,
  'needs-user': true,
  'invalid-request': true,
  file: true,
};
const ACTIONS: Record<StateAction, true> = { activate: true, deactivate: true, refresh: true };
const REQUESTERS: Record<RequesterKind, true> = { cli: true, app: true, daemon: true };
const GRANT_KINDS: Record<GrantKind, true> = { exec: true, endpoint: true };

class Invalid extends Error {}

/**
 * Parses state.json strictly: anything we would not have written is reported
 * as corrupt (with where it went wrong) rather than half-used, because other
 * processes act on this file. Unknown extra fields are dropped.
 */
export function parseState(text: string, path: string): SwitchyardState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(
      'corrupt',
      path,
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > STATE_VERSION) {
    throw new StateFileError(
      'unsupported-version',
      path,
      `${path} was written by a newer Switchyard (state version ${version}); update this one`,
    );
  }
  try {
    return toState(json);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    throw new StateFileError('corrupt', path, `${path} is damaged: ${error.message}`);
  }
}

function toState(json: unknown): SwitchyardState {
  const o = object(json, 'the file');
  if (o.version !== STATE_VERSION) throw new Invalid(`unknown version ${String(o.version)}`);
  const sessionsIn = object(o.sessions ?? {}, 'sessions');
  const sessions: Record<string, SessionRecord> = {};
  for (const [roleId, value] of Object.entries(sessionsIn)) {
    if (roleId === '__proto__' || roleId === '') throw new Invalid(`bad role id "${roleId}"`);
    sessions[roleId] = toSession(value, `sessions.${roleId}`);
  }
  return {
    version: STATE_VERSION,
    sessions,
    requests: array(o.requests ?? [], 'requests').map((r, i) => toRequest(r, `requests[${i}]`)),
    results: array(o.results ?? [], 'results').map((r, i) => toResult(r, `results[${i}]`)),
    ...(o.codeKey !== undefined && { codeKey: toCodeKey(o.codeKey, 'codeKey') }),
    ...(o.grants !== undefined && {
      grants: array(o.grants, 'grants').map((g, i) => toGrant(g, `grants[${i}]`)),
    }),
    ...(o.endpoint !== undefined && { endpoint: toEndpoint(o.endpoint, 'endpoint') }),
  };
}

/** One grant record on its own (a grant file's contents), checked as one in `grants` is. */
export function parseGrantRecord(json: unknown, where: string): GrantRecord | undefined {
  try {
    return toGrant(json, where);
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    throw error;
  }
}

function toGrant(value: unknown, where: string): GrantRecord {
  const o = object(value, where);
  const tokenSha256 = str(o.tokenSha256, `${where}.tokenSha256`);
  // Anything but a SHA-256 would never match a token: refuse it rather than keep a dead grant.
  if (!/^[0-9a-f]{64}$/.test(tokenSha256))
    throw new Invalid(`${where}.tokenSha256 is not a SHA-256`);
  return {
    id: str(o.id, `${where}.id`),
    roleId: str(o.roleId, `${where}.roleId`),
    kind: member(GRANT_KINDS, o.kind, `${where}.kind`),
    tokenSha256,
    ...(o.pid !== undefined && { pid: num(o.pid, `${where}.pid`) }),
    createdAt: num(o.createdAt, `${where}.createdAt`),
    ...(o.mfaCode !== undefined && { mfaCode: toSealed(o.mfaCode, `${where}.mfaCode`) }),
  };
}

function toEndpoint(value: unknown, where: string): EndpointRecord {
  const o = object(value, where);
  const port = num(o.port, `${where}.port`);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Invalid(`${where}.port is not a TCP port`);
  }
  return {
    port,
    pid: num(o.pid, `${where}.pid`),
    startedAt: num(o.startedAt, `${where}.startedAt`),
    ...(o.grantFiles === true && { grantFiles: true as const }),
  };
}

function toSession(value: unknown, where: string): SessionRecord {
  const o = object(value, where);
  const desired = o.desired;
  if (desired !== 'active' && desired !== 'inactive') throw new Invalid(`${where}.desired`);
  return {
    desired,
    state: member(SESSION_STATES, o.state, `${where}.state`),
    ...(o.expiresAt !== undefined && { expiresAt: num(o.expiresAt, `${where}.expiresAt`) }),
    ...(o.error !== undefined && { error: toError(o.error, `${where}.error`) }),
    ...(o.issuedAt !== undefined && { issuedAt: num(o.issuedAt, `${where}.issuedAt`) }),
    ...(o.mfaEndsAt !== undefined && { mfaEndsAt: num(o.mfaEndsAt, `${where}.mfaEndsAt`) }),
    ...(o.signInEndsAt !== undefined && {
      signInEndsAt: num(o.signInEndsAt, `${where}.signInEndsAt`),
    }),
    updatedAt: num(o.updatedAt, `${where}.updatedAt`),
  };
}

function toError(value: unknown, where: string): SessionErrorView {
  const o = object(value, where);
  return {
    kind: member(ERROR_KINDS, o.kind, `${where}.kind`),
    code: str(o.code, `${where}.code`),
    message: str(o.message, `${where}.message`),
    ...(o.retryAt !== undefined && { retryAt: num(o.retryAt, `${where}.retryAt`) }),
  };
}

function toRequest(value: unknown, where: string): StateRequest {
  const o = object(value, where);
  const from = object(o.from, `${where}.from`);
  return {
    id: str(o.id, `${where}.id`),
    action: member(ACTIONS, o.action, `${where}.action`),
    roleId: str(o.roleId, `${where}.roleId`),
    createdAt: num(o.createdAt, `${where}.createdAt`),
    from: {
      pid: num(from.pid, `${where}.from.pid`),
      kind: member(REQUESTERS, from.kind, `${where}.from.kind`),
    },
    ...(o.mfaCode !== undefined && { mfaCode: toSealed(o.mfaCode, `${where}.mfaCode`) }),
  };
}

function toSealed(value: unknown, where: string): SealedCode {
  const o = object(value, where);
  return {
    epk: str(o.epk, `${where}.epk`),
    iv: str(o.iv, `${where}.iv`),
    ct: str(o.ct, `${where}.ct`),
    tag: str(o.tag, `${where}.tag`),
  };
}

function toCodeKey(value: unknown, where: string): CodeKeyRecord {
  const o = object(value, where);
  return {
    publicKey: str(o.publicKey, `${where}.publicKey`),
    pid: num(o.pid, `${where}.pid`),
    createdAt: num(o.createdAt, `${where}.createdAt`),
  };
}

function toResult(value: unknown, where: string): StateResult {
  const o = object(value, where);
  if (typeof o.ok !== 'boolean') throw new Invalid(`${where}.ok`);
  return {
    id: str(o.id, `${where}.id`),
    action: member(ACTIONS, o.action, `${where}.action`),
    roleId: str(o.roleId, `${where}.roleId`),
    ok: o.ok,
    ...(o.message !== undefined && { message: str(o.message, `${where}.message`) }),
    finishedAt: num(o.finishedAt, `${where}.finishedAt`),
  };
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Invalid(`${where} is not an object`);
  }
  return value as Record<string, unknown>;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Invalid(`${where} is not a list`);
  return value;
}

function str(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Invalid(`${where} is not a string`);
  return value;
}

function num(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Invalid(`${where} is not a number`);
  return value;
}

function member<K extends string>(allowed: Record<K, true>, value: unknown, where: string): K {
  if (typeof value !== 'string' || !Object.hasOwn(allowed, value)) {
    throw new Invalid(`${where} has an unknown value ${JSON.stringify(value)}`);
  }
  return value as K;
}
