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

describe('filterRoles with tokens', () => {
  const lapse = { kind: 'lapses', at: 0, reason: 'mfa' } as const;
  const tokenRecords = [
    view(role('live', { label: 'Live one', group: 'acme-prod', tags: ['Prod', 'tier1'] }), {
      state: 'active',
      expiresAt: 1,
      renewal: lapse,
    }),
    view(role('busy', { label: 'Busy', tags: ['prod'] }), { state: 'refreshing', isDefault: true }),
    view(role('mfa', { label: 'Waiting', group: 'acme-dev' }), { state: 'needs-mfa' }),
    view(role('sso', { label: 'Sign in' }), { state: 'needs-sign-in' }),
    view(
      role('bad', {
        label: 'Broken',
        roleArn: 'arn:aws:iam::111122223333:role/Broken',
        tags: ['staging'],
      }),
      { state: 'error', error: { kind: 'needs-user', code: 'AccessDenied', message: 'no' } },
    ),
    view(role('off', { label: 'Off' })),
  ].map(toRoleRecord);
  const ids = (query: string) => filterRoles(tokenRecords, query).map((r) => r.view.role.id);

  it('is:live is active or refreshing; is:failed, is:mfa, is:needs, is:default', () => {
    expect(ids('is:live')).toEqual(['live', 'busy']);
    expect(ids('is:failed')).toEqual(['bad']);
    expect(ids('is:mfa')).toEqual(['mfa']);
    expect(ids('is:needs')).toEqual(['mfa', 'sso', 'bad']);
    expect(ids('is:default')).toEqual(['busy']);
  });

  it('account: matches the start of the account id or the alias', () => {
    expect(ids('account:1111')).toEqual(['bad']);
    expect(ids('account:acme')).toEqual(['live', 'mfa']);
    expect(ids('account:ACME-D')).toEqual(['mfa']);
    expect(ids('account:2222')).toEqual([]);
  });

  it('tag: matches the start of a tag, any case', () => {
    expect(ids('tag:prod')).toEqual(['live', 'busy']);
    expect(ids('tag:TIER')).toEqual(['live']);
    expect(ids('tag:ier')).toEqual([]);
  });

  it('ANDs tokens with each other and with free text', () => {
    expect(ids('is:live tag:prod busy')).toEqual(['busy']);
    expect(ids('is:live account:acme')).toEqual(['live']);
    expect(ids('is:needs broken')).toEqual(['bad']);
  });

  it('applies no unknown is: word (the hint says so) and no half-typed token', () => {
    expect(ids('is:bogus')).toEqual(tokenRecords.map((r) => r.view.role.id));
    expect(ids('tag: busy')).toEqual(['busy']);
  });

  it('filters 500 roles by tokens and text, in their order', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      toRoleRecord(
        view(role(`r${i}`, { label: `Role ${i}`, tags: i % 10 === 0 ? ['prod'] : [] }), {
          state: i % 2 === 0 ? 'active' : 'inactive',
        }),
      ),
    );
    const found = filterRoles(many, 'is:live tag:prod role');
    expect(found.map((r) => r.view.role.id)).toEqual(
      many.filter((_, i) => i % 10 === 0).map((r) => r.view.role.id),
    );
  });
});
