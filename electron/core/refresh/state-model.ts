import type { SessionErrorView, SessionState } from '../../../shared/model';
import type { SealedCode } from './sealed-code';

/**
 * The session state shared by every Switchyard process on this machine, in
 * `state.json` in the config folder. It never holds a secret: credentials live
 * in the credentials file and the keychain; this holds what `status` shows and
 * what other processes ask the refresher to do.
 *
 * How a CLI process drives the running refresher:
 * - `activate` / `deactivate` set `sessions[roleId].desired` (declarative, so a
 *   refresher that starts later still converges) and append a request;
 * - `refresh` appends a request (there is no desired state for it);
 * - every request has an id; the refresher claims requests (removes them under
 *   the lock), acts, and appends a result with the same id, which the CLI can
 *   wait for by watching the file.
 */
export const STATE_FILE_NAME = 'state.json';
export const STATE_VERSION = 1;

export type DesiredState = 'active' | 'inactive';

export interface SessionRecord {
  readonly desired: DesiredState;
  readonly state: SessionState;
  readonly expiresAt?: number;
  readonly error?: SessionErrorView;
  /** When the session was issued (epoch ms): how long its renewals last. */
  readonly issuedAt?: number;
  /** When the MFA session it was assumed with ends (epoch ms): no renewal after that. */
  readonly mfaEndsAt?: number;
  /** Identity Center roles: until when the session's token can be had without a sign-in (epoch ms). */
  readonly signInEndsAt?: number;
  /** Epoch ms of the last change to this record. */
  readonly updatedAt: number;
}

export type StateAction = 'activate' | 'deactivate' | 'refresh';

export type RequesterKind = 'cli' | 'app' | 'daemon';

export interface StateRequest {
  /** Unique (randomUUID); the result carries the same id. */
  readonly id: string;
  readonly action: StateAction;
  readonly roleId: string;
  readonly createdAt: number;
  readonly from: { readonly pid: number; readonly kind: RequesterKind };
  /** An MFA code for this activation, sealed to the refresher's codeKey (never in clear). */
  readonly mfaCode?: SealedCode;
}

/** The running refresher's public key for sealed codes; the private half lives in its memory only. */
export interface CodeKeyRecord {
  readonly publicKey: string;
  readonly pid: number;
  readonly createdAt: number;
}

export interface StateResult {
  readonly id: string;
  readonly action: StateAction;
  readonly roleId: string;
  readonly ok: boolean;
  /** One line for the person who asked; never a secret. */
  readonly message?: string;
  readonly finishedAt: number;
}

/**
 * A grant on the refresher's local credential endpoint (issue #13). It holds
 * the SHA-256 of its bearer token, never the token: the CLI that made it hands
 * the token to one child through the environment only.
 */
export interface GrantRecord {
  /** Unique (randomUUID); names the grant in `revoke`. */
  readonly id: string;
  readonly roleId: string;
  /** 'exec' dies with `pid`; 'endpoint' lasts until `switchyard endpoint --revoke`. */
  readonly kind: GrantKind;
  /** Lowercase hex SHA-256 of the bearer token's UTF-8 bytes. */
  readonly tokenSha256: string;
  /** The exec process the grant dies with. */
  readonly pid?: number;
  readonly createdAt: number;
  /** An MFA code for this grant's role, sealed to the refresher's codeKey (used once, then dropped). */
  readonly mfaCode?: SealedCode;
}

export type GrantKind = 'exec' | 'endpoint';

/** Where the refresher serves the endpoint; the record stays after it stops, as the port to try next. */
export interface EndpointRecord {
  readonly port: number;
  readonly pid: number;
  readonly startedAt: number;
  /**
   * This refresher also honours exec grants kept as files of their own in the
   * `grants` folder (endpoint/grant-files.ts). A refresher from before them
   * writes no such field, so a CLI writes its grant into state.json for it.
   */
  readonly grantFiles?: true;
}

export interface SwitchyardState {
  readonly version: typeof STATE_VERSION;
  readonly sessions: Readonly<Record<string, SessionRecord>>;
  /** Waiting for the refresher, oldest first. */
  readonly requests: readonly StateRequest[];
  /** Recent outcomes, oldest first, bounded. */
  readonly results: readonly StateResult[];
  readonly codeKey?: CodeKeyRecord;
  /** Grants on the local credential endpoint; absent means none. */
  readonly grants?: readonly GrantRecord[];
  readonly endpoint?: EndpointRecord;
}

export function emptyState(): SwitchyardState {
  return { version: STATE_VERSION, sessions: {}, requests: [], results: [] };
}

export function serializeState(state: SwitchyardState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}
