import { describe, expect, it } from 'vitest';

import { describeSource } from '../../../electron/cli/commands/roles/describe-role';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { checkRoleEntry } from '../../../electron/core/catalog/check-role';
import { exportCatalog } from '../../../electron/core/catalog/export-catalog';
import {
  importCatalogFile,
  readCatalogExport,
} from '../../../electron/core/catalog/import-catalog-file';
import { checkRolePlacement } from '../../../electron/core/catalog/role-graph';
import type { RoleEntry } from '../../../shared/model';
import { ssoRoleArn } from '../../../shared/sso-role-arn';
import { expectInputError } from '../shared/expect-input-error';
import { arn, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();

function ssoRole(id: string, overrides: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: `Sandbox / ${id}`,
    roleArn: ssoRoleArn('111122223333', id),
    profile: `sandbox/${id}`,
    source: { kind: 'sso', session: 'work', accountId: '111122223333', roleName: id },
    group: 'Sandbox',
    tags: [],
    ...overrides,
  };
}

function chained(id: string, from: string, overrides: Partial<RoleEntry> = {}): RoleEntry {
  return {
    id,
    label: id,
    roleArn: arn(id),
    profile: id,
    source: { kind: 'role', roleId: from },
    tags: [],
    ...overrides,
  };
}

describe('ssoRoleArn', () => {
  it('takes the partition from the SSO region', () => {
    expect(ssoRoleArn('111122223333', 'Admin')).toBe('arn:aws:iam::111122223333:role/Admin');
    expect(ssoRoleArn('111122223333', 'Admin', 'eu-west-1')).toBe(
      'arn:aws:iam::111122223333:role/Admin',
    );
    expect(ssoRoleArn('111122223333', 'Admin', 'cn-north-1')).toBe(
      'arn:aws-cn:iam::111122223333:role/Admin',
    );
    expect(ssoRoleArn('111122223333', 'Admin', 'us-gov-west-1')).toBe(
      'arn:aws-us-gov:iam::111122223333:role/Admin',
    );
  });
});

describe('an Identity Center role in the catalog', () => {
  it('is checked and kept with notGrantedSince, in any partition', () => {
    const role = ssoRole('admin', {
      roleArn: ssoRoleArn('111122223333', 'admin', 'cn-northwest-1'),
      notGrantedSince: 1_700_000_000_000,
    });
    expect(checkRoleEntry(structuredClone(role))).toEqual(role);
  });

  it('refuses an ARN with a path: the display ARN names the role directly', () => {
    const role = ssoRole('admin', { roleArn: arn('aws-reserved/admin', '111122223333') });
    expectInputError(
      () => checkRoleEntry(role),
      'role ARN',
      'does not match',
      'use arn:aws:iam::111122223333:role/admin',
    );
  });

  it('has no source role, and a role may chain from it (a chain: 1 hour at most)', () => {
    const base = ssoRole('admin');
    expect(() => checkRolePlacement(chained('deploy', 'admin'), [base])).not.toThrow();
    expect(() =>
      checkRolePlacement(chained('deploy', 'admin', { durationSeconds: 3600 }), [base]),
    ).not.toThrow();
    expectInputError(
      () => checkRolePlacement(chained('deploy', 'admin', { durationSeconds: 7200 }), [base]),
      'duration',
      'more than 1 hour',
    );
  });

  it("refuses a source profile that holds an SSO role's session: chain from the role", () => {
    const base = ssoRole('admin');
    const reader: RoleEntry = {
      ...chained('deploy', 'admin'),
      source: { kind: 'profile', profile: base.profile },
    };
    expectInputError(
      () => checkRolePlacement(reader, [base]),
      'source profile',
      'holds the session of',
      'make its source the role "Sandbox / admin" (id admin)',
    );
  });

  it('round-trips through the store, and a catalog written with one is at least version 2', () => {
    tempDir();
    const store = CatalogStore.open();
    const role = ssoRole('admin', { notGrantedSince: 5 });
    store.upsertMany([role, chained('deploy', 'admin')]);
    expect(CatalogStore.open().get('admin')).toEqual(role);
    expect(CATALOG_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('shows as sso:<session> in the roles table, with the not-granted date', () => {
    const role = ssoRole('admin');
    expect(describeSource(role, [role])).toBe('sso:work');
    const gone = { ...role, notGrantedSince: Date.UTC(2026, 7, 1, 12) };
    expect(describeSource(gone, [gone])).toBe('sso:work (not granted since 2026-08-01)');
  });
});

describe('sharing a catalog with Identity Center roles', () => {
  it('exports them as version 2 without notGrantedSince or import links', () => {
    tempDir();
    const store = CatalogStore.open();
    store.upsertMany([ssoRole('admin', { notGrantedSince: 5, importedFrom: 'cfg-admin' })]);
    const file = JSON.parse(exportCatalog(store)) as { version: number; roles: RoleEntry[] };
    expect(file.version).toBe(2);
    expect(file.roles).toEqual([ssoRole('admin')]);
  });

  it('exports a catalog without them as version 1, for Switchyards that read only that', () => {
    tempDir();
    const store = CatalogStore.open();
    store.upsertMany([{ ...chained('plain', 'x'), source: { kind: 'default' } }]);
    expect(JSON.parse(exportCatalog(store)).version).toBe(1);
  });

  it("imports them, keeping this machine's notGrantedSince and dropping the file's", () => {
    tempDir();
    const store = CatalogStore.open();
    store.upsertMany([ssoRole('admin', { notGrantedSince: 5 })]);
    const shared = JSON.stringify({
      format: 'switchyard-catalog',
      version: 2,
      roles: [
        ssoRole('admin', { label: 'Renamed', notGrantedSince: 7 }),
        ssoRole('viewer', { notGrantedSince: 9 }),
      ],
    });
    expect(readCatalogExport(shared).map((role) => role.notGrantedSince)).toEqual([
      undefined,
      undefined,
    ]);
    const report = importCatalogFile(store, shared);
    expect(report.updated.map((role) => role.id)).toEqual(['admin']);
    expect(store.get('admin')).toEqual(ssoRole('admin', { label: 'Renamed', notGrantedSince: 5 }));
    expect(store.get('viewer')).toEqual(ssoRole('viewer'));
  });
});
