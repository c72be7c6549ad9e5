import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import {
  CATALOG_MIGRATIONS,
  documentVersion,
  migrateCatalog,
} from '../../../electron/core/catalog/catalog-migrations';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { DEFAULT_SETTINGS } from '../../../shared/model';
import { arn, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();
const NOW = new Date('2026-08-01T05:04:29.123Z');

/** A catalog as the pre-release (version 0) app wrote it: no version, `sourceProfile`, no tags. */
const V0_FILE = `${JSON.stringify(
  {
    roles: [
      {
        id: 'base0001',
        label: 'Base',
        roleArn: arn('Base'),
        profile: 'base-session',
        sourceProfile: 'login',
      },
      { id: 'ci000001', label: 'CI', roleArn: arn('Ci'), profile: 'ci', durationSeconds: 1800 },
    ],
    settings: { refreshMarginSeconds: 300 },
    defaultRoleId: 'ci000001',
  },
  undefined,
  2,
)}\n`;

function writeCatalog(text: string): { dir: string; path: string } {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'catalog.json');
  writeFileSync(path, text);
  return { dir, path };
}

describe('catalog migrations', () => {
  it('has one migration for every version up to the current one', () => {
    for (let version = 1; version <= CATALOG_VERSION; version++) {
      expect(CATALOG_MIGRATIONS[version], `migration to ${version}`).toBeTypeOf('function');
    }
  });

  it('reads a missing version as 0 and refuses a non-integer one', () => {
    expect(documentVersion({})).toBe(0);
    expect(documentVersion({ version: 1 })).toBe(1);
    expect(documentVersion({ version: '1' })).toBeUndefined();
    expect(documentVersion({ version: -1 })).toBeUndefined();
  });

  it('turns a v0 document into the current version without touching its input', () => {
    const v0 = JSON.parse(V0_FILE) as Record<string, unknown>;
    const copy = structuredClone(v0);
    const current = migrateCatalog(v0, 0);
    expect(v0).toEqual(copy);
    expect(current).toEqual({
      version: CATALOG_VERSION,
      roles: [
        {
          id: 'base0001',
          label: 'Base',
          roleArn: arn('Base'),
          profile: 'base-session',
          source: { kind: 'profile', profile: 'login' },
          tags: [],
        },
        {
          id: 'ci000001',
          label: 'CI',
          roleArn: arn('Ci'),
          profile: 'ci',
          durationSeconds: 1800,
          source: { kind: 'default' },
          tags: [],
        },
      ],
      settings: { refreshMarginSeconds: 300 },
      defaultRoleId: 'ci000001',
    });
  });

  it('does not throw on shapes it does not know (validation reports them afterwards)', () => {
    expect(migrateCatalog({ roles: 'x' }, 0)).toEqual({ version: CATALOG_VERSION, roles: 'x' });
    expect(migrateCatalog({ roles: [1, null] }, 0)).toEqual({
      version: CATALOG_VERSION,
      roles: [1, null],
    });
  });

  it('takes a v1 document to v2 as it is: v2 only added Identity Center roles', () => {
    const v1 = {
      version: 1,
      roles: [
        {
          id: 'a',
          label: 'A',
          roleArn: arn('A'),
          profile: 'a',
          source: { kind: 'default' },
          tags: [],
        },
      ],
      settings: {},
    };
    expect(CATALOG_MIGRATIONS[2]!(structuredClone(v1))).toEqual({ ...v1, version: 2 });
  });
});

describe('opening a v1 catalog.json', () => {
  it('saves it as the current version and keeps the v1 file aside byte for byte', () => {
    const v1 = `${JSON.stringify({ version: 1, roles: [{ id: 'a', label: 'A', roleArn: arn('A'), profile: 'a', source: { kind: 'default' }, tags: [] }], settings: {} })}\n`;
    const { dir, path } = writeCatalog(v1);
    const store = CatalogStore.open({ now: () => NOW });
    expect(store.get('A').source).toEqual({ kind: 'default' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: CATALOG_VERSION });
    expect(readFileSync(join(dir, 'catalog.v1-2026-08-01T05-04-29-123Z.json'), 'utf8')).toBe(v1);
  });
});

describe('opening a v0 catalog.json', () => {
  it('migrates it, saves it as the current version, and keeps the v0 file aside byte for byte', () => {
    const { dir, path } = writeCatalog(V0_FILE);
    const store = CatalogStore.open({ now: () => NOW });
    expect(store.get('Base').source).toEqual({ kind: 'profile', profile: 'login' });
    expect(store.get('CI')).toMatchObject({
      source: { kind: 'default' },
      tags: [],
      durationSeconds: 1800,
    });
    expect(store.defaultRoleId()).toBe('ci000001');
    expect(store.settings()).toEqual({ ...DEFAULT_SETTINGS, refreshMarginSeconds: 300 });

    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(saved.version).toBe(CATALOG_VERSION);
    expect(saved.roles).toEqual(store.list());
    expect(readFileSync(join(dir, 'catalog.v0-2026-08-01T05-04-29-123Z.json'), 'utf8')).toBe(
      V0_FILE,
    );

    // Opening again finds the current version: no second backup.
    CatalogStore.open({ now: () => new Date(NOW.getTime() + 1000) });
    expect(readdirSync(dir).sort()).toEqual([
      'catalog.json',
      'catalog.v0-2026-08-01T05-04-29-123Z.json',
    ]);
  });

  it('treats {} as an empty v0 catalog', () => {
    const { path } = writeCatalog('{}');
    expect(CatalogStore.open().list()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      version: CATALOG_VERSION,
      roles: [],
    });
  });

  it('reports a v0 file that is invalid after migration as broken, and leaves it alone', () => {
    const broken = JSON.stringify({
      roles: [{ id: 'x1', label: 'X', roleArn: 'nope', profile: 'x' }],
    });
    const { dir, path } = writeCatalog(broken);
    let error: unknown;
    try {
      CatalogStore.open({ now: () => NOW });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as Error).message).toContain('roles[0] ("X"): role ARN');
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(readdirSync(dir).sort()).toEqual([
      'catalog.broken-2026-08-01T05-04-29-123Z.json',
      'catalog.json',
    ]);
  });
});

/** A version-2 catalog using everything version 2 can hold: Identity Center roles, chaining, a default. */
const V2_DOC = {
  version: 2,
  roles: [
    {
      id: 'admin',
      label: 'Admin',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      profile: 'admin',
      source: { kind: 'sso', session: 'work', accountId: '123456789012', roleName: 'Admin' },
      tags: ['prod'],
      notGrantedSince: 5,
    },
    {
      id: 'deploy',
      label: 'Deploy',
      roleArn: arn('Deploy'),
      profile: 'deploy',
      source: { kind: 'role', roleId: 'admin' },
      durationSeconds: 3600,
      color: 'ff0000',
      tags: [],
      importedFrom: 'cfg-deploy',
    },
  ],
  settings: { ...DEFAULT_SETTINGS, refreshMarginSeconds: 300 },
  defaultRoleId: 'deploy',
};

describe('opening a v2 catalog.json (before team catalog subscriptions)', () => {
  it('migrates it to the current version losslessly: every role, setting and the default as they were', () => {
    const v2 = `${JSON.stringify(V2_DOC, undefined, 2)}\n`;
    const { dir, path } = writeCatalog(v2);
    const store = CatalogStore.open({ now: () => NOW });
    expect(store.snapshot()).toEqual({
      roles: V2_DOC.roles,
      settings: V2_DOC.settings,
      defaultRoleId: 'deploy',
    });
    expect(store.subscriptions()).toEqual([]);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({ ...V2_DOC, version: CATALOG_VERSION });
    expect(readFileSync(join(dir, 'catalog.v2-2026-08-01T05-04-29-123Z.json'), 'utf8')).toBe(v2);
  });

  it('is refused by a Switchyard one version older with "written by a newer Switchyard", file untouched', () => {
    // What a version-2 Switchyard says of a version-3 file is what this one says of a version-4 file.
    const future = JSON.stringify({ ...V2_DOC, version: CATALOG_VERSION + 1, subscriptions: [] });
    const { path } = writeCatalog(future);
    expect(() => CatalogStore.open({ now: () => NOW })).toThrow(
      `was written by a newer Switchyard (catalog version ${CATALOG_VERSION + 1}; this one reads up to ${CATALOG_VERSION}). Update Switchyard; the file was left as it is.`,
    );
    expect(readFileSync(path, 'utf8')).toBe(future);
  });
});
