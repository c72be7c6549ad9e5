import { describe, expect, it } from 'vitest';
import type { RoleEntry, RoleView } from '../../../shared/model';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { SignInWatch } from '../../../electron/core/sso/sign-in-watch';
import { LiveSessions } from '../../../electron/core/session/live-sessions';
import { buildSnapshot } from '../../../electron/core/session/session-views';
import { DEFAULT_SETTINGS } from '../../../shared/model';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function ssoRole(id: string, session: string): RoleEntry {
  return {
    id,
    label: id,
    roleArn: `arn:aws:iam::123456789012:role/${id}`,
    profile: id,
    source: { kind: 'sso', session, accountId: '123456789012', roleName: id },
    tags: [],
  };
}

describe('roles waiting for an Identity Center sign-in', () => {
  it('is told once per session, and anew after the roles left the wait', () => {
    const sessions = new LiveSessions();
    const [a, b, c] = [ssoRole('a', 'corp'), ssoRole('b', 'corp'), ssoRole('c', 'lab')];
    const firsts = [a, b, c].map((role) => {
      sessions.apply({ type: 'needs-sign-in', reason: 'token expired', now: NOW }, role);
      return sessions.waitForSignIn(role.source.kind === 'sso' ? role.source.session : '', role.id);
    });
    expect(firsts).toEqual([true, false, true]);
    expect(sessions.get('a')).toMatchObject({
      state: 'needs-sign-in',
      error: { kind: 'needs-user', code: 'SignInRequired', message: 'token expired' },
    });
    // A sign-in: the round starts them, which ends the wait; a new loss is told again.
    for (const role of [a, b]) sessions.apply({ type: 'started' }, role);
    sessions.apply({ type: 'needs-sign-in', reason: 'revoked', now: NOW }, a);
    expect(sessions.waitForSignIn('corp', 'a')).toBe(true);
    // A role turned off leaves the wait too.
    sessions.apply({ type: 'deactivated', isDefault: false }, a);
    sessions.apply({ type: 'needs-sign-in', reason: 'revoked', now: NOW }, b);
    expect(sessions.waitForSignIn('corp', 'b')).toBe(true);
  });

  it('shows one prompt per session in the snapshot, built from the roles’ states', () => {
    const roles = [ssoRole('a', 'corp'), ssoRole('b', 'corp'), ssoRole('c', 'lab')];
    const statuses = new Map<string, { state: RoleView['state']; chained: boolean }>([
      ['a', { state: 'needs-sign-in', chained: false }],
      ['b', { state: 'needs-sign-in', chained: false }],
      ['c', { state: 'active', chained: false }],
    ]);
    const snapshot = buildSnapshot({
      roles,
      statuses,
      defaultRoleId: undefined,
      mfaWaiting: new Map(),
      settings: DEFAULT_SETTINGS,
      refresher: { active: true },
    });
    expect(snapshot.signInPrompts).toEqual([{ session: 'corp', waitingRoleIds: ['a', 'b'] }]);
  });
});

describe('SignInWatch', () => {
  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }

  it('resumes a waiting session when its token file changes, and only then', async () => {
    const clock = new FakeClock(NOW);
    const stamps = new Map<string, string | undefined>([['corp', 'v1']]);
    const signedIn: string[] = [];
    const watch = new SignInWatch({
      clock,
      stampOf: async (s) => stamps.get(s),
      onSignedIn: (s) => signedIn.push(s),
      intervalMs: 1_000,
    });
    watch.follow(['corp']);
    await settle();
    await clock.advanceAsync(5_000);
    expect(signedIn).toEqual([]); // the same token that failed
    stamps.set('corp', 'v2'); // `aws sso login` wrote a new one
    await clock.advanceAsync(1_000);
    await settle();
    expect(signedIn).toEqual(['corp']);
    // No one waits any more: no timer runs.
    watch.follow([]);
    await clock.advanceAsync(5_000);
    expect(clock.pendingTimers()).toBe(0);
    watch.stop();
  });

  it('counts a first token file (never signed in before) as a sign-in', async () => {
    const clock = new FakeClock(NOW);
    const file: { stamp?: string } = {};
    const signedIn: string[] = [];
    const watch = new SignInWatch({
      clock,
      stampOf: async () => file.stamp,
      onSignedIn: (s) => signedIn.push(s),
      intervalMs: 1_000,
    });
    watch.follow(['corp']);
    await settle();
    await clock.advanceAsync(2_000);
    expect(signedIn).toEqual([]);
    file.stamp = 'first';
    await clock.advanceAsync(1_000);
    await settle();
    expect(signedIn).toEqual(['corp']);
    watch.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
