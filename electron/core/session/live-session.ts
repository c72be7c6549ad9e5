import type { ErrorKind, SessionErrorView, SessionState } from '../../../shared/model';
import type { SessionCredentials } from '../secret';
import type { SessionNotification } from './session-engine';

/** What the engine knows about one active role's session. Replaced, never mutated. */
export interface Live {
  readonly state: SessionState;
  readonly expiresAt?: number;
  readonly issuedAt?: number;
  readonly lastAttemptAt?: number;
  readonly failures: number;
  readonly lastErrorKind?: ErrorKind;
  readonly error?: SessionErrorView;
  readonly chained: boolean;
  /** When the MFA session this session was assumed with ends (MFA sources only). */
  readonly mfaEndsAt?: number;
  /** When its Identity Center token stops being renewable without a sign-in (SSO roles only). */
  readonly signInEndsAt?: number;
  /** Planned or being assumed: not due again until its round ends. */
  readonly inFlight: boolean;
  /** The profile it writes (kept here: the role may vanish from the catalog). */
  readonly profile?: string;
  /** Its session is in the credentials file now (so expiry must remove it). */
  readonly inFile: boolean;
  /** Kept in memory only, for chaining and federated sign-in; never in a view. */
  readonly credentials?: SessionCredentials;
}

/** The role an event is about, for the profile it writes and the words the user sees. */
export interface LiveRole {
  readonly id: string;
  readonly label: string;
  readonly profile: string;
}

export type LiveEvent =
  /** The scheduler found it due: a round will take it. */
  | { readonly type: 'planned' }
  /** A round takes it now. */
  | { readonly type: 'started' }
  /** A session is in hand (assumed this round, or read back from the file). */
  | { readonly type: 'holding'; readonly credentials: SessionCredentials }
  /** The round ended for it, whatever the outcome. */
  | { readonly type: 'settled'; readonly now: number }
  /** Its new session is in the credentials file. */
  | {
      readonly type: 'written';
      readonly expiresAt: number;
      readonly chained: boolean;
      /** When the MFA session it was assumed with ends; absent: no MFA session. */
      readonly mfaEndsAt?: number;
      /** Until when its Identity Center token can be had; absent: not an SSO role. */
      readonly signInEndsAt?: number;
      readonly now: number;
    }
  /** STS, the file or the catalog refused; `error` says which class. */
  | { readonly type: 'failed'; readonly error: SessionErrorView; readonly now: number }
  /** Its source identity needs an MFA code first. */
  | {
      readonly type: 'needs-mfa';
      readonly mfaSerial: string;
      readonly reason?: string;
      readonly now: number;
    }
  /**
   * Its Identity Center session's token is gone (expired, revoked, never
   * signed in): it waits for one sign-in with the other roles of that session.
   * No notification here: one per session, told by whoever tracks the waits.
   */
  | { readonly type: 'needs-sign-in'; readonly reason: string; readonly now: number }
  /** Its session ran out before it could be renewed. */
  | { readonly type: 'expired'; readonly removeProfiles: boolean; readonly isDefault: boolean }
  /** The user turned it off. */
  | { readonly type: 'deactivated'; readonly isDefault: boolean };

export type LiveEffect =
  | { readonly kind: 'notify'; readonly notification: SessionNotification }
  | { readonly kind: 'remove-profile'; readonly profile: string };

export interface Transition {
  /** undefined: the role is no longer active. */
  readonly live: Live | undefined;
  readonly effects: readonly LiveEffect[];
}

/** A role that has never had a session in this process. */
export const NEW_LIVE: Live = Object.freeze({
  state: 'inactive',
  failures: 0,
  chained: false,
  inFlight: false,
  inFile: false,
});

/**
 * The live-session state machine, pure: the next state of one role's session
 * and what must happen because of it (profiles to remove, things to tell the
 * user). The engine applies the effects; nothing here does I/O.
 */
export function transition(live: Live, event: LiveEvent, role: LiveRole): Transition {
  switch (event.type) {
    case 'planned':
      return only({ ...live, inFlight: true });
    case 'started':
      return only({
        ...live,
        profile: role.profile,
        inFlight: true,
        state: live.state === 'active' || live.state === 'refreshing' ? 'refreshing' : 'activating',
      });
    case 'holding':
      return only({ ...live, credentials: event.credentials });
    case 'settled':
      return only({ ...live, inFlight: false, lastAttemptAt: event.now });
    case 'written':
      return only({
        ...live,
        state: 'active',
        inFile: true,
        inFlight: false,
        expiresAt: event.expiresAt,
        issuedAt: event.now,
        lastAttemptAt: event.now,
        failures: 0,
        chained: event.chained,
        mfaEndsAt: event.mfaEndsAt,
        signInEndsAt: event.signInEndsAt,
        lastErrorKind: undefined,
        error: undefined,
      });
    case 'failed':
      return failed(live, event.error, event.now, role);
    case 'needs-mfa':
      return {
        live: {
          ...live,
          state: 'needs-mfa',
          inFlight: false,
          lastAttemptAt: event.now,
          error: event.reason
            ? { kind: 'needs-user', code: 'MfaRequired', message: event.reason }
            : undefined,
        },
        effects: [
          notify('needs-mfa', role, `${role.label} needs an MFA code`, {
            body: `Enter the code for ${event.mfaSerial} to continue.`,
          }),
        ],
      };
    case 'needs-sign-in':
      return only({
        ...live,
        state: 'needs-sign-in',
        inFlight: false,
        lastAttemptAt: event.now,
        error: { kind: 'needs-user', code: 'SignInRequired', message: event.reason },
      });
    case 'expired':
      return {
        live: {
          ...live,
          state: 'expired',
          credentials: undefined,
          inFile: event.removeProfiles ? false : live.inFile,
        },
        effects: [
          // No tool should keep using dead keys.
          ...(event.removeProfiles ? removals(role, event.isDefault) : []),
          notify('expired', role, `${role.label} expired`, {
            body: live.error
              ? `Its session could not be renewed: ${live.error.message}`
              : 'Its session ended before it could be renewed.',
          }),
        ],
      };
    case 'deactivated':
      return { live: undefined, effects: removals(role, event.isDefault) };
    default: {
      const never: never = event;
      throw new Error(`unknown event ${String(never)}`);
    }
  }
}

function failed(live: Live, error: SessionErrorView, now: number, role: LiveRole): Transition {
  // The session in the file still serves (after a restart it is not in memory, but it is there).
  const stillValid = live.inFile && live.expiresAt !== undefined && live.expiresAt > now;
  const retried = error.kind === 'retryable' || error.kind === 'file';
  const next: Live = {
    ...live,
    inFlight: false,
    lastAttemptAt: now,
    failures: live.failures + 1,
    lastErrorKind: error.kind,
    error,
    // Retried: keep serving the old session while it lasts; the planner backs off.
    state: retried && stillValid ? 'active' : 'error',
    // Nothing valid: retry (or wait) as if expired.
    expiresAt: live.expiresAt ?? now,
  };
  if (retried) return only(next);
  return {
    live: next,
    effects: [notify('failed', role, `${role.label} failed`, { body: error.message })],
  };
}

function removals(role: LiveRole, isDefault: boolean): LiveEffect[] {
  const effects: LiveEffect[] = [{ kind: 'remove-profile', profile: role.profile }];
  if (isDefault) effects.push({ kind: 'remove-profile', profile: 'default' });
  return effects;
}

function notify(
  kind: SessionNotification['kind'],
  role: LiveRole,
  title: string,
  text: { body: string },
): LiveEffect {
  return { kind: 'notify', notification: { kind, roleId: role.id, title, body: text.body } };
}

function only(live: Live): Transition {
  return { live, effects: [] };
}
