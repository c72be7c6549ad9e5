import { describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { exportCatalog } from '../../../electron/core/catalog/export-catalog';
import {
  importCatalogFile,
  planCatalogFileImport,
} from '../../../electron/core/catalog/import-catalog-file';
import { expectInputError } from '../shared/expect-input-error';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();

/** A team's catalog: a hub role, a role chained from it, one from keychain keys. */
function teamStore(): CatalogStore {
  const store = CatalogStore.open();
  const hub = store.add(roleInput('Hub', { color: 'blue', tags: ['team'] }));
  store.add(roleInput('Spoke', { source: { kind: 'role', roleId: hub.id }, region: 'eu-west-1' }));
  store.add(roleInput('CI', { source: { kind: 'keys', name: 'ci-user' }, externalId: 'team-ext' }));
  store.updateSettings({ launchAtLogin: true });
  store.setDefault('hub');
  return store;
}

describe('exportCatalog', () => {
  it('writes roles only: no settings, no default, no import links', () => {
    tempDir();
    const store = teamStore();
    const hub = store.get('hub');
    store.upsertMany([{ ...hub, importedFrom: 'hub' }]);
    const file = JSON.parse(exportCatalog(store)) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['format', 'version', 'roles']);
    expect(file.format).toBe('switchyard-catalog');
    expect(file.version).toBe(1);
    expect(file.roles).toEqual(store.list().map(({ importedFrom: _, ...role }) => role));
    expect(JSON.stringify(file)).not.toMatch(/importedFrom|settings|defaultRoleId/);
  });
});

describe('importCatalogFile', () => {
  it('round-trips into an empty catalog', () => {
    tempDir();
    const exported = exportCatalog(teamStore());
    const roles = JSON.parse(exported).roles;
    tempDir();
    const fresh = CatalogStore.open();
    const report = importCatalogFile(fresh, exported);
    expect(report.added).toEqual(roles);
    expect(report.updated).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(fresh.list()).toEqual(roles);
    expect(fresh.settings().launchAtLogin).toBe(false);
    expect(fresh.defaultRoleId()).toBeUndefined();
  });

  it('merges by id: adds new, replaces changed, skips identical; keeps local import links', () => {
    tempDir();
    const store = teamStore();
    const file = JSON.parse(exportCatalog(store));
    const spoke = store.get('spoke');
    store.upsertMany([{ ...spoke, importedFrom: 'spoke-cfg' }]);
    file.roles[0].label = 'Hub (renamed by the team)';
    file.roles.push({
      id: 'newrole1',
      label: 'New',
      roleArn: arn('New'),
      profile: 'new',
      source: { kind: 'default' },
      tags: [],
    });

    const report = importCatalogFile(store, JSON.stringify(file));
    expect(report.added.map((role) => role.id)).toEqual(['newrole1']);
    expect(report.updated.map((role) => role.label)).toEqual(['Hub (renamed by the team)']);
    expect(report.skipped.map((skip) => skip.label).sort()).toEqual(['CI', 'Spoke']);
    expect(store.get(spoke.id).importedFrom).toBe('spoke-cfg');
    expect(store.list()).toHaveLength(4);
  });

  it('checks everything first and imports nothing when one role is wrong', () => {
    tempDir();
    const store = CatalogStore.open();
    const file = {
      format: 'switchyard-catalog',
      version: 1,
      roles: [
        {
          id: 'good0001',
          label: 'Good',
          roleArn: arn('Good'),
          profile: 'good',
          source: { kind: 'default' },
          tags: [],
        },
        {
          id: 'bad00001',
          label: 'Bad',
          roleArn: 'arn:aws:iam::1:role/X',
          profile: 'bad',
          source: { kind: 'default' },
          tags: [],
        },
      ],
    };
    expectInputError(
      () => importCatalogFile(store, JSON.stringify(file)),
      'catalog file',
      'roles[1] ("Bad")',
      'role ARN',
    );
    expect(store.list()).toEqual([]);
  });

  it('refuses a merge that would break the catalog, naming both roles', () => {
    tempDir();
    const store = CatalogStore.open();
    const mine = store.add(roleInput('Mine', { profile: 'prod' }));
    const file = {
      format: 'switchyard-catalog',
      version: 1,
      roles: [
        {
          id: 'theirs01',
          label: 'Theirs',
          roleArn: arn('T'),
          profile: 'prod',
          source: { kind: 'default' },
          tags: [],
        },
      ],
    };
    expectInputError(
      () => importCatalogFile(store, JSON.stringify(file)),
      'catalog file',
      'role "Theirs" (id theirs01)',
      `already written by "Mine" (id ${mine.id})`,
    );
    expect(store.list()).toEqual([mine]);
  });

  it.each([
    [
      'not JSON',
      '{"format": "switchyard-catalog",\n "roles": [}',
      'is not valid JSON: expected a value but found "}" at line 2, column 12',
    ],
    ['another JSON file', '{"name": "x"}', 'is not a Switchyard catalog export'],
    [
      "the app's own catalog.json",
      '{"version": 1, "roles": [], "settings": {}}',
      "Switchyard's own catalog.json",
    ],
    [
      'a newer version',
      '{"format": "switchyard-catalog", "version": 9, "roles": []}',
      'newer than this Switchyard reads',
    ],
    ['no version', '{"format": "switchyard-catalog", "roles": []}', 'invalid "version"'],
    ['no roles', '{"format": "switchyard-catalog", "version": 1}', 'no "roles" list'],
    [
      'an extra key',
      '{"format": "switchyard-catalog", "version": 1, "roles": [], "settings": {}}',
      'unknown key "settings"',
    ],
    [
      'a duplicate id',
      JSON.stringify({
        format: 'switchyard-catalog',
        version: 1,
        roles: [
          {
            id: 'same0001',
            label: 'A',
            roleArn: arn('A'),
            profile: 'a',
            source: { kind: 'default' },
            tags: [],
          },
          {
            id: 'same0001',
            label: 'B',
            roleArn: arn('B'),
            profile: 'b',
            source: { kind: 'default' },
            tags: [],
          },
        ],
      }),
      'two roles with the id "same0001"',
    ],
  ])('refuses %s', (_name, text, fragment) => {
    tempDir();
    const store = CatalogStore.open();
    expectInputError(() => importCatalogFile(store, text), 'catalog file', fragment);
    expect(store.list()).toEqual([]);
  });

  it('previews without writing', () => {
    tempDir();
    const exported = exportCatalog(teamStore());
    tempDir();
    const store = CatalogStore.open();
    const preview = planCatalogFileImport(exported, store.list());
    expect(preview.added).toHaveLength(3);
    expect(store.list()).toEqual([]);
  });
});
