import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import {
  MAX_JITTER_MS,
  nextWake,
  planRefresh,
  type SessionTiming,
} from '../../../electron/core/refresh/refresh-plan';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
const margin = (minutes: number) => ({ refreshMarginSeconds: minutes * 60 });

function fresh(roleId: string, issuedAt: number, lifeMs: number): SessionTiming {
  return { roleId, issuedAt, expiresAt: issuedAt + lifeMs, failures: 0 };
}

function refreshAtOf(plan: ReturnType<typeof planRefresh>, roleId: string): number {
  const entry = plan.refreshes.find((r) => r.roleId === roleId);
  if (!entry) throw new Error(`no refresh planned for ${roleId}`);
  return entry.refreshAt;
}

describe('planRefresh: scheduled refreshes', () => {
  it('refreshes margin + jitter before expiry, jitter in [0, min(margin/4, 120 s)]', () => {
    for (const minutes of [1, 5, 10, 30]) {
      const jitterMax = Math.min((minutes * MIN) / 4, MAX_JITTER_MS);
      for (let seed = 0; seed < 200; seed++) {
        const s = fresh(`role-${seed}`, T0, 12 * HOUR);
        const at = refreshAtOf(planRefresh([s], margin(minutes), T0, { seed }), s.roleId);
        const lead = s.expiresAt - at;
        expect(lead).toBeGreaterThanOrEqual(minutes * MIN);
        expect(lead).toBeLessThanOrEqual(minutes * MIN + jitterMax + 1);
      }
    }
  });

  it('spreads 200 roles that expire together instead of firing them at once', () => {
    const sessions = Array.from({ length: 200 }, (_, i) => fresh(`acct-${i}`, T0, HOUR));
    for (const seed of [0, 1, 2, 99]) {
      const plan = planRefresh(sessions, margin(10), T0, { seed });
      const times = plan.refreshes.map((r) => r.refreshAt);
      const spread = Math.max(...times) - Math.min(...times);
      expect(spread).toBeGreaterThan(0.9 * MAX_JITTER_MS);
      expect(spread).toBeLessThanOrEqual(MAX_JITTER_MS);
      const perSecond = new Map<number, number>();
      for (const t of times)
        perSecond.set(Math.floor(t / 1_000), (perSecond.get(Math.floor(t / 1_000)) ?? 0) + 1);
      // 200 uniform draws over 120 one-second slots: a handful per slot, never a stampede.
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(10);
      expect(perSecond.size).toBeGreaterThan(70);
    }
  });

  it('keeps a role in place when re-planned later, and moves it only when its expiry changes', () => {
    const s = fresh('prod-admin', T0, HOUR);
    const first = refreshAtOf(planRefresh([s], margin(10), T0, { seed: 7 }), s.roleId);
    const later = refreshAtOf(planRefresh([s], margin(10), T0 + 20 * MIN, { seed: 7 }), s.roleId);
    expect(later).toBe(first);
    const renewed = { ...s, expiresAt: s.expiresAt + 1_000 };
    expect(refreshAtOf(planRefresh([renewed], margin(10), T0, { seed: 7 }), s.roleId)).not.toBe(
      first + 1_000,
    );
  });

  it('caps the margin at half the session life, so a short session does not hot-loop', () => {
    // A 15-minute session with a 20-minute margin would otherwise be due the moment it arrives.
    let now = T0;
    let session = fresh('short', now, 15 * MIN);
    const refreshTimes: number[] = [];
    for (let round = 0; round < 20; round++) {
      const plan = planRefresh([session], margin(20), now, { seed: 3 });
      expect(plan.due).toEqual([]);
      const at = refreshAtOf(plan, 'short');
      // At least 3/8 of the life away (margin ≤ life/2, jitter ≤ margin/4).
      expect(at - now).toBeGreaterThanOrEqual((15 * MIN * 3) / 8);
      expect(at).toBeLessThan(session.expiresAt);
      refreshTimes.push(at);
      now = at;
      session = fresh('short', now, 15 * MIN);
    }
    expect(refreshTimes.length).toBe(20);
  });

  it('a 15-minute session with a 10-minute margin refreshes at about half-life', () => {
    const s = fresh('fifteen', T0, 15 * MIN);
    const at = refreshAtOf(planRefresh([s], margin(10), T0), 'fifteen');
    expect(s.expiresAt - at).toBeGreaterThanOrEqual(7.5 * MIN);
    expect(s.expiresAt - at).toBeLessThanOrEqual(7.5 * MIN + (7.5 * MIN) / 4 + 1);
  });

  it('takes the issue time from lastAttemptAt when the last attempt succeeded', () => {
    const s: SessionTiming = {
      roleId: 'r',
      lastAttemptAt: T0,
      expiresAt: T0 + 15 * MIN,
      failures: 0,
    };
    expect(planRefresh([s], margin(20), T0).due).toEqual([]);
  });

  it('refreshes at once a session found inside its margin with no known issue time', () => {
    const s: SessionTiming = { roleId: 'startup', expiresAt: T0 + 5 * MIN, failures: 0 };
    const plan = planRefresh([s], margin(10), T0);
    expect(plan.due).toEqual(['startup']);
    expect(refreshAtOf(plan, 'startup')).toBe(T0);
  });

  it('never plans before now', () => {
    const s = fresh('late', T0 - HOUR, HOUR + 2 * MIN);
    const plan = planRefresh([s], margin(10), T0);
    expect(refreshAtOf(plan, 'late')).toBe(T0);
    expect(plan.due).toEqual(['late']);
  });

  it('plans nothing for a refresh already in flight, but still wakes for its expiry', () => {
    const s = { ...fresh('busy', T0 - HOUR, HOUR + MIN), inFlight: true };
    const plan = planRefresh([s], margin(10), T0);
    expect(plan.refreshes).toEqual([]);
    expect(plan.due).toEqual([]);
    expect(nextWake(plan, T0)).toBe(s.expiresAt);
  });
});

describe('planRefresh: failures', () => {
  it('schedules a retry after a retryable failure, from the failed attempt', () => {
    const s: SessionTiming = {
      roleId: 'flaky',
      issuedAt: T0 - 50 * MIN,
      expiresAt: T0 + 10 * MIN,
      lastAttemptAt: T0,
      failures: 1,
      lastErrorKind: 'retryable',
    };
    const plan = planRefresh([s], margin(10), T0);
    const entry = plan.refreshes[0];
    expect(entry?.reason).toBe('retry');
    expect(entry!.refreshAt - T0).toBeGreaterThanOrEqual(1_000);
    expect(entry!.refreshAt - T0).toBeLessThanOrEqual(2_000);
    expect(planRefresh([s], margin(10), T0 + 500).refreshes[0]?.refreshAt).toBe(entry!.refreshAt);
  });

  it('keeps retries before expiry minus a second while the credentials are valid', () => {
    for (let seed = 0; seed < 300; seed++) {
      const s: SessionTiming = {
        roleId: `r${seed}`,
        expiresAt: T0 + 30_000,
        lastAttemptAt: T0,
        failures: 12,
        lastErrorKind: 'retryable',
      };
      const at = refreshAtOf(planRefresh([s], margin(10), T0, { seed }), s.roleId);
      expect(at).toBeLessThanOrEqual(s.expiresAt - 1_000);
      expect(at).toBeGreaterThanOrEqual(T0 + 1_000);
    }
  });

  it('treats file errors like retryable ones', () => {
    const s: SessionTiming = {
      roleId: 'disk',
      expiresAt: T0 + HOUR,
      lastAttemptAt: T0,
      failures: 2,
      lastErrorKind: 'file',
    };
    expect(planRefresh([s], margin(10), T0).refreshes[0]?.reason).toBe('retry');
  });

  it('blocks sessions that need a person: no automatic refresh', () => {
    const sessions: SessionTiming[] = [
      {
        roleId: 'mfa',
        expiresAt: T0 + MIN,
        lastAttemptAt: T0,
        failures: 1,
        lastErrorKind: 'needs-user',
      },
      {
        roleId: 'bad',
        expiresAt: T0 - MIN,
        lastAttemptAt: T0,
        failures: 3,
        lastErrorKind: 'invalid-request',
      },
    ];
    const plan = planRefresh(sessions, margin(10), T0);
    expect(plan.refreshes).toEqual([]);
    expect(plan.blocked).toEqual(['mfa', 'bad']);
    expect(plan.expired).toEqual(['bad']);
    // Still woken at the blocked session's expiry, to mark it and remove its profile.
    expect(nextWake(plan, T0)).toBe(T0 + MIN);
  });
});

describe('planRefresh: expiry and wake-ups', () => {
  it('lists expired sessions, which stay due for a refresh', () => {
    const sessions = [fresh('gone', T0 - 2 * HOUR, HOUR), fresh('alive', T0, HOUR)];
    const plan = planRefresh(sessions, margin(10), T0);
    expect(plan.expired).toEqual(['gone']);
    expect(plan.due).toEqual(['gone']);
    expect(plan.expiries.map((e) => e.roleId)).toEqual(['alive']);
  });

  it('nextWake is the earliest refresh: one timer for all roles', () => {
    const sessions = [fresh('a', T0, 3 * HOUR), fresh('b', T0, HOUR), fresh('c', T0, 2 * HOUR)];
    const plan = planRefresh(sessions, margin(10), T0);
    expect(plan.refreshes.map((r) => r.roleId)).toEqual(['b', 'c', 'a']);
    expect(nextWake(plan, T0)).toBe(refreshAtOf(plan, 'b'));
    expect(nextWake(plan, T0, 5 * MIN)).toBe(T0 + 5 * MIN);
  });

  it('nextWake is now when something is due, and undefined when nothing is pending', () => {
    expect(nextWake(planRefresh([fresh('x', T0 - HOUR, HOUR)], margin(10), T0), T0)).toBe(T0);
    expect(nextWake(planRefresh([], margin(10), T0), T0)).toBeUndefined();
    const plan = planRefresh([fresh('y', T0, HOUR)], margin(10), T0);
    expect(nextWake(plan, T0 + 2 * HOUR)).toBe(T0 + 2 * HOUR);
  });

  it('after a clock jump (sleep/resume), a re-plan refreshes at once whatever is now due', () => {
    const clock = new FakeClock(T0);
    const sessions = [
      fresh('one-hour', T0, HOUR),
      fresh('two-hours', T0, 2 * HOUR),
      fresh('twelve-hours', T0, 12 * HOUR),
    ];
    const woken: number[] = [];
    const plan = planRefresh(sessions, margin(10), clock.now(), { seed: 5 });
    const wake = nextWake(plan, clock.now());
    clock.setTimeout(() => woken.push(clock.now()), wake! - clock.now());

    // The laptop sleeps 1 h 55 min: wall time moves, the pending timer does not fire.
    clock.jump(HOUR + 55 * MIN);
    expect(woken).toEqual([]);

    const replanned = planRefresh(sessions, margin(10), clock.now(), { seed: 5 });
    expect(replanned.expired).toEqual(['one-hour']);
    expect(replanned.due).toEqual(['one-hour', 'two-hours']);
    expect(nextWake(replanned, clock.now())).toBe(clock.now());
    expect(refreshAtOf(replanned, 'twelve-hours')).toBe(refreshAtOf(plan, 'twelve-hours'));
  });

  it('a clock set back does not refresh early: plans follow the wall clock', () => {
    const s = fresh('r', T0, HOUR);
    const plan = planRefresh([s], margin(10), T0 - HOUR);
    expect(plan.due).toEqual([]);
    expect(refreshAtOf(plan, 'r')).toBe(refreshAtOf(planRefresh([s], margin(10), T0), 'r'));
  });
});
