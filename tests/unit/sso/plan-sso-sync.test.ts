import { describe, expect, it } from 'vitest';

import { checkCatalogDocument } from '../../../electron/core/catalog/check-catalog-document';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import {
  planSsoSync,
  type SsoAssignment,
  type SsoSyncPlan,
} from '../../../electron/core/sso/plan-sso-sync';
import type { RoleEntry } from '../../../shared/model';

const NOW = Date.UTC(2026, 7, 1);
const LATER = NOW + 86_400_000;

const A = (accountId: string, accountName: string, roleName: string): SsoAssignment => ({
  accountId,
  accountName,
  roleName,
});

const PROD = '111111111111';
const DEV = '222222222222';

function plan(
  roles: readonly RoleEntry[],
  assignments: readonly SsoAssignment[],
  extra: { session?: string; now?: number; region?: string; takenProfiles?: string[] } = {},
): SsoSyncPlan {
  return planSsoSync({ roles, session: 'work', assignments, now: NOW, ...extra });
}

/** The catalog after a plan, as apply would write it (and checked as the catalog would). */
function applied(roles: readonly RoleEntry[], result: SsoSyncPlan): RoleEntry[] {
  const byId = new Map(roles.map((role) => [role.id, role]));
  for (const { after } of [...result.update, ...result.gone]) byId.set(after.id, after);
  for (const role of result.add) byId.set(role.id, role);
  const all = [...byId.values()];
  checkCatalogDocument({ version: CATALOG_VERSION, roles: structuredClone(all), settings: {} });
  return all;
}

const byLabel = (roles: readonly RoleEntry[], label: string) =>
  roles.find((role) => role.label === label)!;

describe('planSsoSync: a first sync', () => {
  it('adds one role per assignment, named after the account', () => {
    const result = plan(
      [],
      [A(PROD, 'Production', 'AdministratorAccess'), A(DEV, 'Dev', 'ReadOnly')],
    );
    expect(result.update).toEqual([]);
    expect(result.gone).toEqual([]);
    expect(result.unchanged).toBe(0);
    expect(result.skipped).toEqual([]);
    expect(result.add).toHaveLength(2);
    const [admin] = result.add;
    expect(admin).toEqual({
      id: admin!.id,
      label: 'Production / AdministratorAccess',
      roleArn: `arn:aws:iam::${PROD}:role/AdministratorAccess`,
      profile: 'production/AdministratorAccess',
      source: { kind: 'sso', session: 'work', accountId: PROD, roleName: 'AdministratorAccess' },
      group: 'Production',
      tags: [],
    });
    expect(result.add[1]!.profile).toBe('dev/ReadOnly');
    applied([], result);
  });

  it('gives the same ids to the same plan (a dry run shows what the sync will do)', () => {
    const assignments = [A(PROD, 'Production', 'Admin'), A(DEV, 'Dev', 'Admin')];
    expect(plan([], assignments)).toEqual(plan([], assignments));
  });

  it('takes the ARN partition from the SSO region', () => {
    const result = plan([], [A(PROD, 'Gov', 'Admin')], { region: 'us-gov-west-1' });
    expect(result.add[0]!.roleArn).toBe(`arn:aws-us-gov:iam::${PROD}:role/Admin`);
  });

  it('makes valid names from any account name, and profiles from role names with = and ,', () => {
    const long = 'A very long account name that goes on and on past fifty characters';
    const result = plan(
      [],
      [
        A(PROD, '  Prod\tEU  (main) ', 'Admin=Full,x'),
        A(DEV, '💥!!', 'x'.repeat(64)),
        A('333333333333', long, 'Admin'),
      ],
    );
    const [prod, odd, longOne] = result.add;
    expect(prod).toMatchObject({
      label: 'Prod EU (main) / Admin=Full,x',
      group: 'Prod EU (main)',
      profile: 'prod-eu-main/Admin-Full-x',
    });
    expect(odd!.profile).toBe(`${DEV}/${'x'.repeat(64)}`);
    expect([...odd!.label].length).toBeLessThanOrEqual(64);
    expect(longOne!.profile).toBe(
      'a-very-long-account-name-that-goes-on-and-on-past-fifty-char/Admin',
    );
    applied([], result);
  });

  it('skips an assignment the catalog cannot hold, with the reason, and adds the rest', () => {
    const result = plan([], [A('12345', 'Bad', 'Admin'), A(PROD, 'Prod', 'Admin')]);
    expect(result.add.map((role) => role.label)).toEqual(['Prod / Admin']);
    expect(result.skipped).toEqual([
      { accountId: '12345', roleName: 'Admin', reason: expect.stringContaining('not 12 digits') },
    ]);
  });

  it('lists an assignment the portal repeats once', () => {
    const result = plan([], [A(PROD, 'Prod', 'Admin'), A(PROD, 'Prod', 'Admin')]);
    expect(result.add).toHaveLength(1);
  });
});

describe('planSsoSync: profiles and ids never collide', () => {
  const plain = (id: string, profile: string, sourceProfile = 'login'): RoleEntry => ({
    id,
    label: id,
    roleArn: `arn:aws:iam::${PROD}:role/${id}`,
    profile,
    source: { kind: 'profile', profile: sourceProfile },
    tags: [],
  });

  it('steps around profiles of other roles, their source profiles, and the caller’s list', () => {
    const roles = [plain('a', 'prod/Admin'), plain('b', 'other', 'prod/Admin-2')];
    const result = plan(roles, [A(PROD, 'Prod', 'Admin'), A(DEV, 'Prod', 'Admin')], {
      takenProfiles: ['prod/Admin-3'],
    });
    expect(result.add.map((role) => role.profile)).toEqual(['prod/Admin-4', 'prod/Admin-5']);
    applied(roles, result);
  });

  it('gives two accounts with one name their own profiles, and new ids unlike any taken', () => {
    const result = plan([], [A(PROD, 'Team', 'Admin'), A(DEV, 'Team', 'Admin')]);
    expect(result.add.map((role) => role.profile)).toEqual(['team/Admin', 'team/Admin-2']);
    expect(new Set(result.add.map((role) => role.id)).size).toBe(2);
    const again = plan(
      result.add.map((r) => ({ ...r, source: { kind: 'default' } }) as RoleEntry),
      [A(PROD, 'Team', 'Admin')],
    );
    expect(result.add.map((role) => role.id)).not.toContain(again.add[0]!.id);
  });
});

describe('planSsoSync: a later sync', () => {
  const first = plan([], [A(PROD, 'Production', 'Admin'), A(DEV, 'Dev', 'Admin')]);
  const catalog = applied([], first);

  it('changes nothing when nothing changed', () => {
    const result = plan(catalog, [A(PROD, 'Production', 'Admin'), A(DEV, 'Dev', 'Admin')]);
    expect(result).toMatchObject({ add: [], update: [], gone: [], unchanged: 2 });
  });

  it('follows an account rename in the group and a label the user left alone', () => {
    const result = plan(catalog, [A(PROD, 'Prod (EU)', 'Admin'), A(DEV, 'Dev', 'Admin')]);
    expect(result.add).toEqual([]);
    expect(result.unchanged).toBe(1);
    expect(result.update).toHaveLength(1);
    const { before, after } = result.update[0]!;
    expect(after).toEqual({ ...before, label: 'Prod (EU) / Admin', group: 'Prod (EU)' });
  });

  it('keeps everything the user edited: label, colour, tags, profile, region', () => {
    const prod = byLabel(catalog, 'Production / Admin');
    const edited: RoleEntry = {
      ...prod,
      label: 'Prod admin',
      color: 'f2b0a9',
      tags: ['prod'],
      profile: 'p',
      region: 'eu-west-1',
    };
    const roles = catalog.map((role) => (role.id === prod.id ? edited : role));
    const result = plan(roles, [A(PROD, 'Prod (EU)', 'Admin'), A(DEV, 'Dev', 'Admin')]);
    expect(result.update).toEqual([{ before: edited, after: { ...edited, group: 'Prod (EU)' } }]);
  });

  it('marks a role gone once, keeps the first date, and clears it when granted again', () => {
    const gone = plan(catalog, [A(DEV, 'Dev', 'Admin')]);
    const prod = byLabel(catalog, 'Production / Admin');
    expect(gone.gone).toEqual([{ before: prod, after: { ...prod, notGrantedSince: NOW } }]);
    expect(gone.unchanged).toBe(1);
    const marked = applied(catalog, gone);

    const still = plan(marked, [A(DEV, 'Dev', 'Admin')], { now: LATER });
    expect(still).toMatchObject({ add: [], update: [], gone: [], unchanged: 2 });

    const back = plan(marked, [A(PROD, 'Production', 'Admin'), A(DEV, 'Dev', 'Admin')], {
      now: LATER,
    });
    expect(back.add).toEqual([]);
    expect(back.update).toEqual([{ before: { ...prod, notGrantedSince: NOW }, after: prod }]);
  });

  it('adds new assignments beside the roles it has', () => {
    const result = plan(catalog, [
      A(PROD, 'Production', 'Admin'),
      A(DEV, 'Dev', 'Admin'),
      A(DEV, 'Dev', 'ReadOnly'),
    ]);
    expect(result.add.map((role) => role.label)).toEqual(['Dev / ReadOnly']);
    expect(result.unchanged).toBe(2);
    applied(catalog, result);
  });

  it('never touches roles of another session or other sources', () => {
    const other = plan(catalog, [A(PROD, 'Production', 'Admin')], { session: 'other' });
    expect(other).toMatchObject({ update: [], gone: [], unchanged: 0 });
    expect(other.add[0]!.profile).toBe('production/Admin-2');
    const plain: RoleEntry = {
      id: 'plain001',
      label: 'Production / Admin',
      roleArn: `arn:aws:iam::${PROD}:role/Admin`,
      profile: 'plain',
      source: { kind: 'profile', profile: 'login' },
      group: 'Production',
      tags: [],
    };
    const roles = applied(catalog, other);
    const all = [...roles, plain];
    // This session grants nothing now: only its own two roles are marked.
    const result = plan(all, []);
    expect(result.gone.map(({ before }) => before.id).sort()).toEqual(
      catalog.map((role) => role.id).sort(),
    );
    expect(result.unchanged).toBe(0);
    // The other session renaming its account changes only its own role.
    const renamed = plan(all, [A(PROD, 'Renamed', 'Admin')], { session: 'other' });
    expect(renamed.update.map(({ before }) => before.id)).toEqual([other.add[0]!.id]);
    expect(renamed.gone).toEqual([]);
  });

  it('names a role imported from ~/.aws/config on its first sync, unless relabelled', () => {
    const imported: RoleEntry = {
      id: 'imp00001',
      label: 'prod-admin',
      roleArn: `arn:aws:iam::${PROD}:role/Admin`,
      profile: 'prod-admin-switchyard',
      source: { kind: 'sso', session: 'work', accountId: PROD, roleName: 'Admin' },
      tags: [],
      importedFrom: 'prod-admin',
    };
    const result = plan([imported], [A(PROD, 'Production', 'Admin')]);
    expect(result.update[0]!.after).toEqual({
      ...imported,
      label: 'Production / Admin',
      group: 'Production',
    });
    const relabelled = { ...imported, label: 'Mine' };
    expect(plan([relabelled], [A(PROD, 'Production', 'Admin')]).update[0]!.after.label).toBe(
      'Mine',
    );
  });
});

describe('planSsoSync: a large organisation', () => {
  it('plans 1,000 accounts × 3 roles, then re-plans them against the result', () => {
    const assignments: SsoAssignment[] = [];
    for (let i = 0; i < 1000; i++) {
      const accountId = String(100_000_000_000 + i);
      for (const role of ['Admin', 'ReadOnly', 'Billing']) {
        assignments.push(A(accountId, `Account ${i % 500}`, role));
      }
    }
    const first = plan([], assignments);
    expect(first.add).toHaveLength(3000);
    expect(new Set(first.add.map((role) => role.profile)).size).toBe(3000);
    const catalog = applied([], first);
    const again = plan(catalog, assignments);
    expect(again).toMatchObject({ add: [], update: [], gone: [], unchanged: 3000 });
  });
});
