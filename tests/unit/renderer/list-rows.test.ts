import { describe, expect, it } from 'vitest';
import { pinRank } from '../../../renderer/src/glance/pin-rank';
import { nextExpiringChange } from '../../../renderer/src/glance/role-glance';
import { buildListModel } from '../../../renderer/src/roles/list-rows';
import { toRoleRecord } from '../../../renderer/src/roles/role-record';
import { role, view } from './fixtures';

describe('buildListModel', () => {
  const model = buildListModel(
    [
      role('z', { label: 'Zeta', group: 'staging' }),
      role('a', { label: 'alpha', group: 'prod' }),
      role('b', { label: 'Beta', group: 'prod' }),
      role('n', { label: 'No group', roleArn: 'arn:aws:iam::000000000001:role/x' }),
      role('r10', { label: 'Role 10', group: 'prod' }),
      role('r9', { label: 'Role 9', group: 'prod' }),
    ].map((entry) => toRoleRecord(view(entry))),
  );

  it('groups by group, else account id, both in alphabetical (natural) order', () => {
    expect(model.rows.map((row) => (row.kind === 'group' ? `# ${row.title}` : row.key))).toEqual([
      '# 0000-0000-0001 · 1 role',
      'n',
      '# prod · 4 roles',
      'a',
      'b',
      'r9',
      'r10',
      '# staging · 1 role',
      'z',
    ]);
  });

  it('heads an account with an alias "alias · id · n roles", over its roles\' groups', () => {
    const acme = { alias: 'acme-prod', color: 'ff8800' };
    const named = buildListModel(
      [
        view(role('a', { label: 'Admin', group: 'old-group' }), { account: acme }),
        view(role('b', { label: 'Billing' }), { account: acme }),
        view(role('c', { label: 'Ci', roleArn: 'arn:aws:iam::111122223333:role/ci' })),
        view(
          role('d', { label: 'Dev', group: 'dev', roleArn: 'arn:aws:iam::444455556666:role/d' }),
        ),
      ].map((entry) => toRoleRecord(entry)),
    );
    expect(named.rows.filter((row) => row.kind === 'group')).toEqual([
      {
        kind: 'group',
        key: 'account:111122223333',
        title: '1111-2222-3333 · 1 role',
        name: '1111-2222-3333',
        count: 1,
        accountId: '111122223333',
        color: undefined,
      },
      {
        kind: 'group',
        key: 'account:210987654321',
        title: 'acme-prod · 2109-8765-4321 · 2 roles',
        name: 'acme-prod · 2109-8765-4321',
        count: 2,
        accountId: '210987654321',
        color: 'ff8800',
      },
      {
        kind: 'group',
        key: 'group:dev',
        title: 'dev · 1 role',
        name: 'dev',
        count: 1,
        accountId: undefined,
        color: undefined,
      },
    ]);
    // The alias is searchable like the rest of the role.
    expect(toRoleRecord(view(role('x'), { account: acme })).haystack).toContain('acme-prod');
  });

  it('numbers roles for the keyboard and aria-posinset, skipping headings', () => {
    expect(model.roleIds).toEqual(['n', 'a', 'b', 'r9', 'r10', 'z']);
    const positions = model.rows.flatMap((row) => (row.kind === 'role' ? [row.position] : []));
    expect(positions).toEqual([0, 1, 2, 3, 4, 5]);
    expect(model.rowIndexOf.get('z')).toBe(8);
  });

  it('counts the roles under each heading', () => {
    const counts = model.rows.flatMap((row) => (row.kind === 'group' ? [row.count] : []));
    expect(counts).toEqual([1, 4, 1]);
  });

  it('is empty for no roles', () => {
    expect(buildListModel([])).toMatchObject({ rows: [], roleIds: [] });
  });
});

describe('buildListModel with the pinned section', () => {
  const NOW = 1_000_000_000;
  const MARGIN = 600_000;
  const records = [
    view(role('a', { label: 'Alpha', group: 'prod' }), {
      state: 'active',
      renewal: { kind: 'renews' },
    }),
    view(role('b', { label: 'Beta', group: 'prod' })),
    view(role('c', { label: 'Charlie', group: 'dev' }), { state: 'needs-mfa' }),
    view(role('d', { label: 'Delta', group: 'dev' }), {
      state: 'active',
      renewal: { kind: 'lapses', at: NOW + MARGIN - 1, reason: 'mfa' },
    }),
    view(role('e', { label: 'Echo', group: 'dev' }), {
      state: 'active',
      renewal: { kind: 'lapses', at: NOW + MARGIN + 60_000, reason: 'mfa' },
    }),
    view(role('f', { label: 'Foxtrot', group: 'dev' })),
    view(role('g', { label: 'Golf', group: 'qa' }), {
      state: 'error',
      error: { kind: 'retryable', code: 'Throttling', message: 'slow down' },
    }),
    view(role('h', { label: 'Hotel', group: 'qa' }), { state: 'needs-sign-in' }),
  ].map(toRoleRecord);
  const model = buildListModel(records, (record) => pinRank(record.view, NOW, MARGIN));
  const layout = model.rows.map((row) =>
    row.kind === 'group' ? `# ${row.title} (${row.count})` : row.key,
  );

  it('pins what needs the user, then expiring, then live roles, above the account groups', () => {
    expect(layout).toEqual([
      '# Pinned (6)',
      'c', // needs MFA
      'g', // failing
      'h', // needs sign-in
      'd', // lapses inside the margin
      'a', // live, renews
      'e', // live, lapses later
      '# dev · 1 role (1)',
      'f',
      '# prod · 1 role (1)',
      'b',
    ]);
    expect(model.rows[0]).toMatchObject({ kind: 'group', pinned: true, key: 'pinned' });
  });

  it('shows a pinned role once, and the arrow keys walk pinned then groups', () => {
    expect(model.roleIds).toEqual(['c', 'g', 'h', 'd', 'a', 'e', 'f', 'b']);
    expect(new Set(model.roleIds).size).toBe(records.length);
    const positions = model.rows.flatMap((row) => (row.kind === 'role' ? [row.position] : []));
    expect(positions).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(model.rowIndexOf.get('b')).toBe(10);
  });

  it('has no pinned heading when nothing is pinned, and drops a group left empty', () => {
    const off = buildListModel(
      records.filter((r) => ['b', 'f'].includes(r.view.role.id)),
      (record) => pinRank(record.view, NOW, MARGIN),
    );
    expect(off.rows[0]).toMatchObject({ kind: 'group', title: 'dev · 1 role' });
    const onlyPinned = buildListModel(
      records.filter((r) => r.view.role.id === 'a'),
      (record) => pinRank(record.view, NOW, MARGIN),
    );
    expect(onlyPinned.rows.map((row) => row.key)).toEqual(['pinned', 'a']);
  });
});

describe('pinRank and nextExpiringChange', () => {
  const lapsing = (at: number) =>
    view(role('x'), { state: 'active', renewal: { kind: 'lapses', at, reason: 'chained' } });

  it('pins an activating role at once, and not an off or expired one', () => {
    expect(pinRank(view(role('x'), { state: 'activating' }), 0, 0)).toBe(2);
    expect(pinRank(view(role('x'), { state: 'inactive' }), 0, 0)).toBeUndefined();
    expect(pinRank(view(role('x'), { state: 'expired' }), 0, 0)).toBeUndefined();
  });

  it('counts a lapse as expiring from the margin on, and says when that starts', () => {
    expect(pinRank(lapsing(10_000), 4_000, 5_000)).toBe(2);
    expect(pinRank(lapsing(10_000), 5_000, 5_000)).toBe(1);
    expect(nextExpiringChange([lapsing(10_000), lapsing(20_000)], 4_000, 5_000)).toBe(5_000);
    expect(nextExpiringChange([lapsing(10_000)], 6_000, 5_000)).toBeUndefined();
    expect(nextExpiringChange([view(role('y'), { state: 'active' })], 0, 5_000)).toBeUndefined();
  });
});
