import { describe, expect, it } from 'vitest';
import type { SessionErrorView } from '../../../shared/model';
import { Secret, type SessionCredentials } from '../../../electron/core/secret';
import {
  NEW_LIVE,
  transition,
  type Live,
  type LiveEvent,
} from '../../../electron/core/session/live-session';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
const ROLE = { id: 'r1', label: 'Prod admin', profile: 'prod' };

const active: Live = {
  state: 'active',
  expiresAt: NOW + 30 * MINUTE,
  issuedAt: NOW - 30 * MINUTE,
  failures: 0,
  chained: false,
  inFlight: false,
  profile: 'prod',
  inFile: true,
};

function session(expiresAt: number): SessionCredentials {
  return {
    accessKeyId: new Secret('ASIAEXAMPLEEXAMPLE01'),
    secretAccessKey: new Secret('s'.repeat(40)),
    sessionToken: new Secret('token'),
    expiresAt,
  };
}

const run = (live: Live, event: LiveEvent) => transition(live, event, ROLE);
const throttled: SessionErrorView = { kind: 'retryable', code: 'Throttling', message: 'slow down' };
const denied: SessionErrorView = { kind: 'needs-user', code: 'AccessDenied', message: 'denied' };

describe('live-session transitions', () => {
  it('planned: marks the session in flight, nothing else', () => {
    expect(run(active, { type: 'planned' })).toEqual({
      live: { ...active, inFlight: true },
      effects: [],
    });
  });

  it('started: activating a new role, refreshing an active one, records the profile', () => {
    expect(run(NEW_LIVE, { type: 'started' }).live).toMatchObject({
      state: 'activating',
      inFlight: true,
      profile: 'prod',
    });
    expect(run(active, { type: 'started' }).live?.state).toBe('refreshing');
    expect(run({ ...active, state: 'refreshing' }, { type: 'started' }).live?.state).toBe(
      'refreshing',
    );
    expect(run({ ...active, state: 'error' }, { type: 'started' }).live?.state).toBe('activating');
  });

  it('holding: keeps the session in memory without changing the state', () => {
    const credentials = session(NOW + 60 * MINUTE);
    expect(run(active, { type: 'holding', credentials })).toEqual({
      live: { ...active, credentials },
      effects: [],
    });
  });

  it('settled: out of flight, attempt time recorded', () => {
    const live = run({ ...active, inFlight: true }, { type: 'settled', now: NOW }).live;
    expect(live).toEqual({ ...active, inFlight: false, lastAttemptAt: NOW });
  });

  it('written: active with the new expiry, failures and error cleared', () => {
    const failing: Live = {
      ...active,
      state: 'refreshing',
      inFlight: true,
      failures: 3,
      lastErrorKind: 'retryable',
      error: throttled,
    };
    const { live, effects } = run(failing, {
      type: 'written',
      expiresAt: NOW + 60 * MINUTE,
      chained: true,
      now: NOW,
    });
    expect(effects).toEqual([]);
    expect(live).toMatchObject({
      state: 'active',
      inFile: true,
      inFlight: false,
      expiresAt: NOW + 60 * MINUTE,
      issuedAt: NOW,
      failures: 0,
      chained: true,
    });
    expect(live?.error).toBeUndefined();
    expect(live?.lastErrorKind).toBeUndefined();
  });

  it('failed, retryable, while the old session is valid: stays active, counts, tells nobody', () => {
    const { live, effects } = run(active, { type: 'failed', error: throttled, now: NOW });
    expect(effects).toEqual([]);
    expect(live).toMatchObject({
      state: 'active',
      failures: 1,
      lastErrorKind: 'retryable',
      error: throttled,
      expiresAt: active.expiresAt,
      lastAttemptAt: NOW,
      inFlight: false,
    });
  });

  it('failed, retryable or file, with nothing valid: error, retried as expired now', () => {
    const fileError: SessionErrorView = { kind: 'file', code: 'CredentialsFile', message: 'EBUSY' };
    for (const error of [throttled, fileError]) {
      const { live, effects } = run(NEW_LIVE, { type: 'failed', error, now: NOW });
      expect(effects).toEqual([]);
      expect(live).toMatchObject({ state: 'error', expiresAt: NOW, failures: 1 });
    }
    // A session that is only in memory (not in the file) does not count as serving.
    const notInFile = run(
      { ...active, inFile: false },
      { type: 'failed', error: throttled, now: NOW },
    );
    expect(notInFile.live?.state).toBe('error');
    const expired = run(
      { ...active, expiresAt: NOW - 1 },
      { type: 'failed', error: throttled, now: NOW },
    );
    expect(expired.live).toMatchObject({ state: 'error', expiresAt: NOW - 1 });
  });

  it('failed, needs-user or invalid-request: error even with a valid session, and the user is told', () => {
    const invalid: SessionErrorView = { kind: 'invalid-request', code: 'X', message: 'bad' };
    for (const error of [denied, invalid]) {
      const { live, effects } = run(active, { type: 'failed', error, now: NOW });
      expect(live).toMatchObject({ state: 'error', failures: 1, lastErrorKind: error.kind, error });
      expect(effects).toEqual([
        {
          kind: 'notify',
          notification: {
            kind: 'failed',
            roleId: 'r1',
            title: 'Prod admin failed',
            body: error.message,
          },
        },
      ]);
    }
  });

  it('needs-mfa: waits without counting a failure; the reason, if any, is its error', () => {
    const event = { type: 'needs-mfa', mfaSerial: 'arn:aws:iam::1:mfa/me', now: NOW } as const;
    const first = run({ ...active, inFlight: true, error: throttled }, event);
    expect(first.live).toMatchObject({ state: 'needs-mfa', failures: 0, inFlight: false });
    expect(first.live?.error).toBeUndefined();
    expect(first.effects).toEqual([
      {
        kind: 'notify',
        notification: {
          kind: 'needs-mfa',
          roleId: 'r1',
          title: 'Prod admin needs an MFA code',
          body: 'Enter the code for arn:aws:iam::1:mfa/me to continue.',
        },
      },
    ]);
    const rejected = run(active, { ...event, reason: 'MultiFactorAuthentication failed' });
    expect(rejected.live?.error).toEqual({
      kind: 'needs-user',
      code: 'MfaRequired',
      message: 'MultiFactorAuthentication failed',
    });
  });

  it('expired, removing profiles: drops the session and its profile, and [default] when it is the default', () => {
    const held = { ...active, credentials: session(NOW) };
    const asDefault = run(held, { type: 'expired', removeProfiles: true, isDefault: true });
    expect(asDefault.live).toMatchObject({ state: 'expired', inFile: false });
    expect(asDefault.live?.credentials).toBeUndefined();
    expect(asDefault.effects).toEqual([
      { kind: 'remove-profile', profile: 'prod' },
      { kind: 'remove-profile', profile: 'default' },
      {
        kind: 'notify',
        notification: {
          kind: 'expired',
          roleId: 'r1',
          title: 'Prod admin expired',
          body: 'Its session ended before it could be renewed.',
        },
      },
    ]);
    const notDefault = run(held, { type: 'expired', removeProfiles: true, isDefault: false });
    expect(notDefault.effects.filter((e) => e.kind === 'remove-profile')).toEqual([
      { kind: 'remove-profile', profile: 'prod' },
    ]);
  });

  it('expired, keeping profiles: the file keeps them; the notice says why it was not renewed', () => {
    const { live, effects } = run(
      { ...active, error: denied },
      { type: 'expired', removeProfiles: false, isDefault: true },
    );
    expect(live).toMatchObject({ state: 'expired', inFile: true });
    expect(effects).toEqual([
      {
        kind: 'notify',
        notification: {
          kind: 'expired',
          roleId: 'r1',
          title: 'Prod admin expired',
          body: 'Its session could not be renewed: denied',
        },
      },
    ]);
  });

  it('deactivated: no session left, its profile (and [default] for the default role) removed', () => {
    expect(run(active, { type: 'deactivated', isDefault: false })).toEqual({
      live: undefined,
      effects: [{ kind: 'remove-profile', profile: 'prod' }],
    });
    expect(run(active, { type: 'deactivated', isDefault: true }).effects).toEqual([
      { kind: 'remove-profile', profile: 'prod' },
      { kind: 'remove-profile', profile: 'default' },
    ]);
  });

  it('never changes the state it is given', () => {
    const frozen = Object.freeze({ ...active });
    for (const event of [
      { type: 'started' },
      { type: 'failed', error: denied, now: NOW },
      { type: 'expired', removeProfiles: true, isDefault: true },
    ] as const)
      expect(() => run(frozen, event)).not.toThrow();
    expect(frozen).toEqual(active);
  });
});
