import { describe, expect, it } from 'vitest';
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
