import { describe, expect, it } from 'vitest';

import { projectSnapshot } from '../../../electron/main/snapshot-projection';
import { DEFAULT_SETTINGS, type Snapshot } from '../../../shared/model';
import { FakeEngine, HOUR, PLANTED, roleEntry, roleView, snapshotOf, T0 } from './shell-fixtures';

const FULL: Snapshot = snapshotOf(
  [
    {
      role: roleEntry('prod', {
        label: 'Prod',
        source: { kind: 'role', roleId: 'base' },
        externalId: 'ext',
        sessionName: 'me',
        durationSeconds: 3600,
        region: 'eu-west-1',
        mfaSerial: 'arn:aws:iam::1:mfa/u',
        color: 'ff0000',
        group: 'prod',
        tags: ['a'],
        importedFrom: 'prod-admin',
      }),
      state: 'active',
      expiresAt: T0 + HOUR,
      isDefault: true,
      chained: true,
      error: { kind: 'retryable', code: 'Throttling', message: 'Rate exceeded', retryAt: T0 },
      renewal: { kind: 'lapses', at: T0 + 2 * HOUR, reason: 'mfa' },
    },
    roleView('base', { state: 'active', renewal: { kind: 'renews' } }),
  ],
  {
    defaultRoleId: 'prod',
    mfaPrompts: [
      { sourceKey: 'login', mfaSerial: 'arn:aws:iam::1:mfa/u', waitingRoleIds: ['prod'] },
    ],
    settings: DEFAULT_SETTINGS,
    refresher: { active: false, heldBy: 'switchyard daemon (pid 12)' },
  },
);

describe('projectSnapshot', () => {
  it('keeps every field of the model, as a fresh copy', () => {
    const projected = projectSnapshot(FULL);
    expect(projected).toEqual(FULL);
    expect(projected).not.toBe(FULL);
    expect(projected.roles[0]).not.toBe(FULL.roles[0]);
  });

  it('drops anything the model does not declare, at every level', () => {
    const engine = new FakeEngine(FULL);
    engine.leaky = true;
    const leaky = engine.snapshot();
    expect(JSON.stringify(leaky)).toContain(PLANTED.secretAccessKey);
    const projected = projectSnapshot(leaky);
    const text = JSON.stringify(projected);
    for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret);
    expect(projected).toEqual(FULL);
  });

  it('refuses objects where the model has plain values', () => {
    const sneaky = snapshotOf([
      roleView('a', { expiresAt: { valueOf: () => 1 } as unknown as number }),
    ]);
    expect(() => projectSnapshot(sneaky)).toThrow(/not a plain value/);
    const badSource = snapshotOf([
      { ...roleView('a'), role: roleEntry('a', { source: { kind: 'saml' } as never }) },
    ]);
    expect(() => projectSnapshot(badSource)).toThrow(/unknown kind/);
  });

  it('drops source fields that belong to another kind', () => {
    const mixed = snapshotOf([
      {
        ...roleView('a'),
        role: roleEntry('a', {
          source: {
            kind: 'profile',
            profile: 'p',
            secretAccessKey: PLANTED.secretAccessKey,
          } as never,
        }),
      },
    ]);
    expect(projectSnapshot(mixed).roles[0]?.role.source).toEqual({ kind: 'profile', profile: 'p' });
  });
});
