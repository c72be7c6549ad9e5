import { describe, expect, it } from 'vitest';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { LongTermKeys } from '../../../electron/core/secrets/long-term-keys';
import { Secret } from '../../../electron/core/secret';
import { SOURCE_KEY, SOURCE_SECRET, useHarness } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The planner's jitter moves each renewal up to 2 minutes earlier than the estimate's. */
const MAX_JITTER = 2 * MINUTE;

const world = useHarness();

function view(roleId: string) {
  return world.h.manager.snapshot().roles.find((r) => r.role.id === roleId)!;
}

describe('renewal in the engine’s views', () => {
  it('a profile role and a role chained from it renew themselves', async () => {
    const base = await world.h.manager.addRole({
      label: 'base',
      roleArn: 'arn:aws:iam::210987654321:role/base',
      profile: 'base',
      source: { kind: 'profile', profile: 'source' },
    });
    const hop = await world.h.manager.addRole({
      label: 'hop',
      roleArn: 'arn:aws:iam::333333333333:role/hop',
      profile: 'hop',
      source: { kind: 'role', roleId: base.id },
    });
    await world.h.manager.activate(hop.id);
    expect(view(base.id).renewal).toEqual({ kind: 'renews' });
    expect(view(hop.id).renewal).toEqual({ kind: 'renews' });
    // Through renewals (in steps, as a running clock would fire), still renewing.
    for (let i = 0; i < 36; i++) await world.h.advance(5 * MINUTE);
    expect(view(hop.id)).toMatchObject({ state: 'active', renewal: { kind: 'renews' } });
  });

  it('an MFA role lapses when its MFA session ends, as the view said beforehand', async () => {
    const keys = new LongTermKeys(world.h.secrets);
    await keys.set('ci-user', {
      accessKeyId: new Secret(SOURCE_KEY),
      secretAccessKey: new Secret(SOURCE_SECRET),
    });
    const role = await world.h.manager.addRole({
      label: 'ci',
      roleArn: 'arn:aws:iam::210987654321:role/ci',
      profile: 'ci',
      source: { kind: 'keys', name: 'ci-user' },
      mfaSerial: world.sts.mfa!.serial,
    });
    const hop = await world.h.manager.addRole({
      label: 'hop',
      roleArn: 'arn:aws:iam::333333333333:role/hop',
      profile: 'hop',
      source: { kind: 'role', roleId: role.id },
    });
    await world.h.manager.activate(role.id);
    await world.h.manager.submitMfaCode('keys:ci-user', world.sts.mfa!.code);
    await world.h.manager.activate(hop.id);
    const start = world.h.clock.now();
    const first = view(role.id).renewal;
    expect(first).toMatchObject({ kind: 'lapses', reason: 'mfa' });
    expect(view(hop.id).renewal).toMatchObject({ kind: 'lapses', reason: 'chained' });
    const predicted = first!.kind === 'lapses' ? first!.at : 0;
    // GetSessionToken's 12 hours, sessions of 1 hour (chained through MFA), 10-minute margin.
    expect(predicted).toBeGreaterThan(start + 12 * HOUR - 10 * MINUTE);
    expect(predicted).toBeLessThanOrEqual(start + 13 * HOUR);
    // The refresher records it for passive views (`switchyard status`, a second tray).
    const state = await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read();
    expect(state.sessions[role.id]?.mfaEndsAt).toBeGreaterThan(start + 11 * HOUR);

    // Renewals come and go without a code; the last live view names its own expiry.
    let last = view(role.id);
    let renewals = 0;
    for (let i = 0; i < 200 && view(role.id).state === 'active'; i++) {
      last = view(role.id);
      await world.h.advance(5 * MINUTE);
      if (view(role.id).expiresAt !== last.expiresAt) renewals++;
    }
    expect(renewals).toBeGreaterThan(10);
    expect(world.sts.count('GetSessionToken')).toBe(1);
    expect(last.renewal).toEqual({ kind: 'lapses', at: last.expiresAt, reason: 'mfa' });
    // The first estimate was within the planner's jitter of what happened.
    expect(Math.abs(last.expiresAt! - predicted)).toBeLessThanOrEqual(renewals * MAX_JITTER);
    // And then the engine asked for a code: the user had to act, as the row said.
    expect(view(role.id).state).toBe('needs-mfa');
  });
});
