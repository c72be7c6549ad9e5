import { describe, expect, it } from 'vitest';
import {
  renewalOf,
  SIGN_IN_HORIZON_MS,
  type RenewalStatus,
} from '../../../electron/core/session/renewal';
import { buildSnapshot, engineSnapshot } from '../../../electron/core/session/session-views';
import { NEW_LIVE, type Live } from '../../../electron/core/session/live-session';
import type { CatalogData } from '../../../electron/core/catalog/catalog-document';
import { SignInEnds } from '../../../electron/core/sso/sign-in-ends';
import { DEFAULT_SETTINGS, type RoleEntry, type SessionState } from '../../../shared/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = 1_800_000_000_000;

function entry(id: string, extra: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: id,
    roleArn: `arn:aws:iam::210987654321:role/${id}`,
    profile: id,
    source: { kind: 'profile', profile: 'source' },
    tags: [],
    ...extra,
  };
}

const live = (extra: Partial<RenewalStatus> = {}): RenewalStatus => ({
  state: 'active',
  expiresAt: T0 + HOUR,
  issuedAt: T0,
  chained: false,
  ...extra,
});

function context(
  roles: RoleEntry[],
  statuses: Record<string, RenewalStatus>,
  refresherRunning = true,
) {
  const byId = new Map(roles.map((role) => [role.id, role]));
  return {
    refresherRunning,
    marginMs: 10 * MINUTE,
    role: (id: string) => byId.get(id),
    status: (id: string) => statuses[id],
  };
}

describe('renewalOf', () => {
  it('renews a session from a profile, keychain keys, the default chain or Identity Center (no token seen yet)', () => {
    const sources: RoleEntry['source'][] = [
      { kind: 'profile', profile: 'p' },
      { kind: 'keys', name: 'k' },
      { kind: 'default' },
      { kind: 'sso', session: 's', accountId: '111122223333', roleName: 'R' },
    ];
    for (const source of sources) {
      const role = entry('a', { source });
      expect(renewalOf(role, live(), context([role], {}))).toEqual({ kind: 'renews' });
    }
  });

  it('says nothing for a role that is not live', () => {
    const role = entry('a');
    for (const state of [
      'inactive',
      'activating',
      'needs-mfa',
      'error',
      'expired',
    ] as SessionState[])
      expect(renewalOf(role, live({ state }), context([role], {}))).toBeUndefined();
    expect(renewalOf(role, live({ state: 'refreshing' }), context([role], {}))).toEqual({
      kind: 'renews',
    });
  });

  it('lapses at its expiry when no refresher runs', () => {
    const role = entry('a');
    expect(renewalOf(role, live(), context([role], {}, false))).toEqual({
      kind: 'lapses',
      at: T0 + HOUR,
      reason: 'no-refresher',
    });
  });

  it('an MFA source lapses with the last session issued while the MFA session has > 5 min', () => {
    const role = entry('a', {
      source: { kind: 'keys', name: 'k' },
      mfaSerial: 'arn:aws:iam::1:mfa/u',
    });
    // 1-hour sessions renewed 10 minutes ahead: due at 50, 100, … minutes; the MFA session
    // ends at 3 h, so the renewal due at 150 minutes (the MFA session has 30 left) is the
    // last one, and its session ends at 150 + 60.
    const status = live({ mfaEndsAt: T0 + 3 * HOUR });
    expect(renewalOf(role, status, context([role], {}))).toEqual({
      kind: 'lapses',
      at: T0 + 210 * MINUTE,
      reason: 'mfa',
    });
    // The MFA session ends 4 minutes after the next renewal is due: the cache keeps 5 back.
    const tight = live({ mfaEndsAt: T0 + 54 * MINUTE });
    expect(renewalOf(role, tight, context([role], {}))).toMatchObject({ at: T0 + HOUR });
    // Not known yet (a session recovered at start-up): nothing is claimed.
    expect(renewalOf(role, live(), context([role], {}))).toBeUndefined();
  });

  it('a role chained from a renewing role renews; from a lapsing one it lapses after it', () => {
    const base = entry('base');
    const hop = entry('hop', { source: { kind: 'role', roleId: 'base' } });
    const hopStatus = live({ chained: true });
    expect(renewalOf(hop, hopStatus, context([base, hop], { base: live() }))).toEqual({
      kind: 'renews',
    });
    const mfaBase = entry('base', { mfaSerial: 'arn:aws:iam::1:mfa/u' });
    const statuses = { base: live({ mfaEndsAt: T0 + 3 * HOUR }) };
    // base lapses at 210 minutes; hop renews while base has a minute left: due at 200 is
    // the last (ends 260), at 250 base is gone.
    expect(renewalOf(hop, hopStatus, context([mfaBase, hop], statuses))).toEqual({
      kind: 'lapses',
      at: T0 + 260 * MINUTE,
      reason: 'chained',
    });
    // Its source is not live: no renewal at all.
    const off = { base: live({ state: 'needs-mfa', expiresAt: undefined }) };
    expect(renewalOf(hop, hopStatus, context([base, hop], off))).toEqual({
      kind: 'lapses',
      at: T0 + HOUR,
      reason: 'chained',
    });
  });

  describe('an Identity Center role', () => {
    const sso = entry('a', {
      source: { kind: 'sso', session: 's', accountId: '111122223333', roleName: 'R' },
    });

    it('renews while its token can be had for many renewals yet (a registration of months)', () => {
      const status = live({ signInEndsAt: T0 + 90 * 24 * HOUR });
      expect(renewalOf(sso, status, context([sso], {}))).toEqual({ kind: 'renews' });
      // Just past the horizon still renews; not known yet (no token seen) renews as before.
      const far = live({ signInEndsAt: T0 + HOUR + SIGN_IN_HORIZON_MS + 1 });
      expect(renewalOf(sso, far, context([sso], {}))).toEqual({ kind: 'renews' });
      expect(renewalOf(sso, live(), context([sso], {}))).toEqual({ kind: 'renews' });
    });

    it('lapses at its current expiry when the token is gone before the next renewal', () => {
      // The next renewal is due at 50 minutes; the token serves until 45.
      const status = live({ signInEndsAt: T0 + 45 * MINUTE });
      expect(renewalOf(sso, status, context([sso], {}))).toEqual({
        kind: 'lapses',
        at: T0 + HOUR,
        reason: 'sign-in',
      });
      // Exactly at the due time is too late: the renewal needs the token before it.
      const edge = live({ signInEndsAt: T0 + 50 * MINUTE });
      expect(renewalOf(sso, edge, context([sso], {}))).toMatchObject({ at: T0 + HOUR });
    });

    it('in between, lapses with the last session issued while the token serves', () => {
      // 1-hour sessions renewed 10 minutes ahead: due at 50, 100, 150, 200 minutes; a token
      // usable until 3 h allows the renewal at 150 (ends 210), not the one at 200.
      const status = live({ signInEndsAt: T0 + 3 * HOUR });
      expect(renewalOf(sso, status, context([sso], {}))).toEqual({
        kind: 'lapses',
        at: T0 + 210 * MINUTE,
        reason: 'sign-in',
      });
      // 12-hour role sessions outlast an 8-hour token: no renewal at all.
      const long = live({ expiresAt: T0 + 12 * HOUR, signInEndsAt: T0 + 8 * HOUR });
      expect(renewalOf(sso, long, context([sso], {}))).toEqual({
        kind: 'lapses',
        at: T0 + 12 * HOUR,
        reason: 'sign-in',
      });
    });

    it('no refresher comes first; a role chained from it lapses after it (chained)', () => {
      const status = live({ signInEndsAt: T0 + 3 * HOUR });
      expect(renewalOf(sso, status, context([sso], {}, false))).toMatchObject({
        reason: 'no-refresher',
      });
      const hop = entry('hop', { source: { kind: 'role', roleId: 'a' } });
      // sso lapses at 210 minutes; hop's renewal due at 200 is its last (ends 260).
      expect(renewalOf(hop, live({ chained: true }), context([sso, hop], { a: status }))).toEqual({
        kind: 'lapses',
        at: T0 + 260 * MINUTE,
        reason: 'chained',
      });
    });
  });

  it('assumes a chained session lasts an hour when its issue time is unknown', () => {
    const role = entry('a', { mfaSerial: 'arn:aws:iam::1:mfa/u', durationSeconds: 7200 });
    const status = live({ issuedAt: undefined, chained: true, mfaEndsAt: T0 + 2 * HOUR });
    // Sessions of 60 minutes: due at 50, 100 (MFA has 20 left), 150 (past its end).
    expect(renewalOf(role, status, context([role], {}))).toMatchObject({ at: T0 + 160 * MINUTE });
  });
});

describe('buildSnapshot', () => {
  it('puts the renewal in the live views, and a passive view of a running refresher renews', () => {
    const roles = [entry('a'), entry('b')];
    const input = {
      roles,
      statuses: new Map([['a', live()]]),
      defaultRoleId: undefined,
      mfaWaiting: new Map(),
      settings: DEFAULT_SETTINGS,
    };
    const own = buildSnapshot({ ...input, refresher: { active: true } });
    expect(own.roles.map((view) => view.renewal)).toEqual([{ kind: 'renews' }, undefined]);
    const passive = buildSnapshot({ ...input, refresher: { active: false, heldBy: 'daemon' } });
    expect(passive.roles[0]!.renewal).toEqual({ kind: 'renews' });
    const alone = buildSnapshot({ ...input, refresher: { active: false } });
    expect(alone.roles[0]!.renewal).toEqual({
      kind: 'lapses',
      at: T0 + HOUR,
      reason: 'no-refresher',
    });
  });
  it("an engine snapshot takes an SSO role's sign-in end from the latest token the engine saw", () => {
    const sso = entry('a', {
      source: { kind: 'sso', session: 's', accountId: '111122223333', roleName: 'R' },
    });
    const plain = entry('b');
    // Each role kept a short end from its last renewal (a token that could not be refreshed).
    const kept: Live = { ...NEW_LIVE, ...live({ signInEndsAt: T0 + 45 * MINUTE }) };
    const sessions = {
      entries: (): [string, Live][] => [
        ['a', kept],
        ['b', kept],
      ],
      mfaWaiting: () => new Map(),
    };
    const catalog: CatalogData = { roles: [sso, plain], settings: DEFAULT_SETTINGS };
    const renewals = (ends?: SignInEnds) =>
      engineSnapshot(catalog, sessions, { active: true }, ends).roles.map((v) => v.renewal);
    expect(renewals()).toEqual([
      { kind: 'lapses', at: T0 + HOUR, reason: 'sign-in' },
      { kind: 'renews' },
    ]);
    // Signed in again since: the session's token is refreshable for months.
    const ends = new SignInEnds();
    ends.saw('s', T0 + 90 * 24 * HOUR);
    expect(renewals(ends)).toEqual([{ kind: 'renews' }, { kind: 'renews' }]);
  });
});
