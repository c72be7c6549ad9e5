import type { RoleEntry, Snapshot } from '../../../shared/model';
import type { StateAction, SwitchyardState } from '../refresh/state-model';
import type { LiveSessions } from './live-sessions';
import type { RoleAssumer } from './role-assumer';
import type { SessionManagerDeps } from './session-deps';
import type { SnapshotPublisher } from './snapshot-publisher';

/** What both strategies share with the SessionManager that composes them. */
export interface EngineParts {
  readonly deps: SessionManagerDeps;
  readonly sessions: LiveSessions;
  readonly publisher: SnapshotPublisher;
  readonly assumer: RoleAssumer;
}

/**
 * How this process acts on sessions. The local engine (refresher or one-shot)
 * calls STS and writes the files itself; the passive one forwards every action
 * through the state file to the process that does, and mirrors its records.
 */
export interface EngineStrategy {
  /** For the snapshot: whether this process refreshes, and who does if not. */
  readonly refresher: Snapshot['refresher'];
  /** activate, deactivate or refresh, for roles already checked against the catalog. */
  perform(action: StateAction, roleIds: readonly string[]): Promise<void>;
  /** One round for these roles as they stand (every active role, or those an MFA code unblocked). */
  renew(roleIds: readonly string[]): Promise<void>;
  /** The default role changed in the catalog: write or drop `[default]`. */
  defaultChanged(role: RoleEntry | undefined, previous: string | undefined): Promise<void>;
  /**
   * The catalog changed, whoever changed it: removed roles' profiles go,
   * renamed profiles move, roles that name another identity are assumed again.
   */
  catalogChanged(): Promise<void>;
  /** An MFA code for the identity `roleId` is assumed from; that role and those waiting on it activate. */
  useMfaCode(roleId: string, tokenCode: string): Promise<void>;
  /** Answers requests other processes left in the state file; returns how many. */
  processRequests(): Promise<number>;
  /** The state file changed (passive: the refresher's records; refresher: its code key must stay). */
  adoptState(state: SwitchyardState): void;
  /** Once the sessions are recovered, before any request is answered. */
  start(): Promise<void>;
  /** Re-plans the timer from the wall clock. */
  schedule(): void;
  setOnline(online: boolean): void;
  /** state.json was damaged and set aside: the refresher writes its sessions into the new one. */
  stateSetAside(): void;
  /** Resolves when every queued round and write has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}
