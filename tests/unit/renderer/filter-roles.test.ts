import { describe, expect, it } from 'vitest';
import { filterRoles, queryTerms } from '../../../renderer/src/roles/filter-roles';
import { toRoleRecord, toRoleRecords } from '../../../renderer/src/roles/role-record';
import { role, view } from './fixtures';

const records = [
  view(
    role('admin', { label: 'Prod admin', group: 'prod', profile: 'prod-admin', tags: ['Tier1'] }),
  ),
  view(role('ro', { label: 'Prod read-only', group: 'prod', profile: 'prod-ro' })),
  view(
    role('dev', {
      label: 'Developer',
      roleArn: 'arn:aws-cn:iam::345678901234:role/teams/platform/Developer',
      profile: 'cn-dev',
    }),
  ),
].map(toRoleRecord);

const labels = (query: string) => filterRoles(records, query).map((r) => r.view.role.label);

describe('toRoleRecord', () => {
  it('derives account id, role name (path stripped) and heading from the ARN and group', () => {
    expect(records[2]).toMatchObject({
      accountId: '345678901234',
      roleName: 'Developer',
      groupTitle: '345678901234',
    });
    expect(records[0]).toMatchObject({ accountId: '210987654321', groupTitle: 'prod' });
  });

  it('reuses the record of an unchanged view', () => {
    const views = records.map((r) => r.view);
    const again = toRoleRecords(views, records);
    expect(again[0]).toBe(records[0]);
    const changed = toRoleRecords([{ ...views[0]!, state: 'active' }], records);
    expect(changed[0]).not.toBe(records[0]);
  });
});

describe('filterRoles', () => {
  it('shows everything for an empty or blank query, in order', () => {
    expect(filterRoles(records, '')).toBe(records);
    expect(labels('   ')).toEqual(['Prod admin', 'Prod read-only', 'Developer']);
  });

  it('matches label, account id, role name, group, profile and tags, case-insensitively', () => {
    expect(labels('READ')).toEqual(['Prod read-only']);
    expect(labels('3456789')).toEqual(['Developer']);
    expect(labels('developer')).toEqual(['Developer']);
    expect(labels('prod')).toEqual(['Prod admin', 'Prod read-only']);
    expect(labels('cn-dev')).toEqual(['Developer']);
    expect(labels('tier1')).toEqual(['Prod admin']);
  });

  it('needs every term to match somewhere', () => {
    expect(labels('prod adm')).toEqual(['Prod admin']);
    expect(labels('prod developer')).toEqual([]);
  });

  it('splits terms on any whitespace', () => {
    expect(queryTerms(' Prod\tadmin  ')).toEqual(['prod', 'admin']);
  });

  it('finds every match among 500 roles, in their order', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      toRoleRecord(view(role(`r${i}`, { label: `Role ${i}`, group: `acct-${i % 40}` }))),
    );
    // "acct-7" is a substring of acct-7 only (there is no acct-70..79 with 40 groups).
    const found = filterRoles(many, 'acct-7 role').map((r) => r.view.role.label);
    const expected = many.filter((_, i) => i % 40 === 7).map((r) => r.view.role.label);
    expect(found).toEqual(expected);
    expect(found).toHaveLength(13);
  });
});
