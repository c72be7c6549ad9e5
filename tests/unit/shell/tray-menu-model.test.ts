import { describe, expect, it } from 'vitest';

import { buildTrayMenuModel, MAX_MENU_ROLES } from '../../../electron/main/tray-menu-model';
import { HOUR, MIN, roleEntry, roleView, snapshotOf, T0 } from './shell-fixtures';

// A fixed clock format keeps the test independent of the machine's locale and time zone.
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

function labels(items: ReturnType<typeof buildTrayMenuModel>): string[] {
  return items.map((item) => (item.kind === 'separator' ? '---' : item.label));
}

describe('buildTrayMenuModel', () => {
  it('with nothing active: Open, a note, Refresh all (disabled), Quit', () => {
    const items = buildTrayMenuModel(snapshotOf([roleView('a')]), T0, clock);
    expect(labels(items)).toEqual([
      'Open Switchyard',
      '---',
      'No active sessions',
      '---',
      'Refresh all',
      '---',
      'Quit Switchyard',
    ]);
    expect(items.find((item) => item.kind === 'refresh-all')).toMatchObject({ enabled: false });
  });

  it('lists each active role with the clock time it lasts until', () => {
    const snapshot = snapshotOf([
      roleView('prod', { state: 'active', expiresAt: T0 + HOUR, isDefault: true }),
      roleView('idle'),
      roleView('dev', { state: 'refreshing', expiresAt: T0 + 5 * MIN }),
      roleView('new', { state: 'activating' }),
    ]);
    const items = buildTrayMenuModel(snapshot, T0, clock);
    expect(items.filter((item) => item.kind === 'role')).toEqual([
      { kind: 'role', roleId: 'prod', label: 'prod (default) — until 10:00' },
      { kind: 'role', roleId: 'dev', label: 'dev — refreshing…' },
      { kind: 'role', roleId: 'new', label: 'new — activating…' },
    ]);
    expect(items.find((item) => item.kind === 'refresh-all')).toMatchObject({ enabled: true });
  });

  it('puts roles that need the user first and says why', () => {
    const snapshot = snapshotOf([
      roleView('ok', { state: 'active', expiresAt: T0 + HOUR }),
      roleView('mfa', { state: 'needs-mfa' }),
      roleView('bad', {
        state: 'error',
        error: { kind: 'needs-user', code: 'AccessDenied', message: 'no' },
      }),
      roleView('old', { state: 'expired', expiresAt: T0 - MIN }),
    ]);
    const roles = buildTrayMenuModel(snapshot, T0, clock).filter((item) => item.kind === 'role');
    expect(roles.map((item) => item.label)).toEqual([
      'mfa — needs an MFA code',
      'bad — failed: AccessDenied',
      'old — expired',
      'ok — until 10:00',
    ]);
  });

  it('says "expired" for an active view whose time has passed', () => {
    const snapshot = snapshotOf([roleView('a', { state: 'active', expiresAt: T0 - 1 })]);
    const role = buildTrayMenuModel(snapshot, T0, clock).find((item) => item.kind === 'role');
    expect(role).toMatchObject({ label: 'a — expired' });
  });

  it('mentions a pending MFA prompt', () => {
    const snapshot = snapshotOf([roleView('a', { state: 'needs-mfa' })], {
      mfaPrompts: [
        { sourceKey: 'login', mfaSerial: 'arn:aws:iam::1:mfa/u', waitingRoleIds: ['a'] },
      ],
    });
    expect(labels(buildTrayMenuModel(snapshot, T0, clock))).toContain(
      'An MFA code is needed: open Switchyard',
    );
  });

  it(`caps the list at ${MAX_MENU_ROLES} roles and says how many more there are`, () => {
    const views = Array.from({ length: MAX_MENU_ROLES + 5 }, (_, i) =>
      roleView(`r${i}`, { state: 'active', expiresAt: T0 + HOUR }),
    );
    const items = buildTrayMenuModel(snapshotOf(views), T0, clock);
    expect(items.filter((item) => item.kind === 'role')).toHaveLength(MAX_MENU_ROLES);
    expect(labels(items)).toContain('5 more in Switchyard');
  });

  it('uses the role label, not the id, and is plain data', () => {
    const snapshot = snapshotOf([
      {
        ...roleView('x', { state: 'active', expiresAt: T0 + HOUR }),
        role: roleEntry('x', { label: 'R&D admin' }),
      },
    ]);
    const items = buildTrayMenuModel(snapshot, T0, clock);
    expect(items.find((item) => item.kind === 'role')).toMatchObject({
      roleId: 'x',
      label: 'R&D admin — until 10:00',
    });
    expect(JSON.parse(JSON.stringify(items))).toEqual(items);
  });

  it('formats with the local clock by default', () => {
    const expiresAt = T0 + HOUR;
    const snapshot = snapshotOf([roleView('a', { state: 'active', expiresAt })]);
    const role = buildTrayMenuModel(snapshot, T0).find((item) => item.kind === 'role');
    const local = new Date(expiresAt).toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(role).toMatchObject({ label: `a — until ${local}` });
  });
});
