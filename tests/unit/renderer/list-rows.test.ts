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

  it('groups by alias, else account id, both in alphabetical (natural) order', () => {
    expect(model.rows.map((row) => (row.kind === 'group' ? `# ${row.title}` : row.key))).toEqual([
      '# 000000000001',
      'n',
      '# prod',
      'a',
      'b',
      'r9',
      'r10',
      '# staging',
      'z',
    ]);
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
