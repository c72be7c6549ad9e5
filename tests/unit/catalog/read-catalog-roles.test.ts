import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { readCatalogRoles } from '../../../electron/core/catalog/read-catalog-roles';

let dir: string;
const env = (): NodeJS.ProcessEnv => ({ SWITCHYARD_CONFIG_DIR: dir });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-read-roles-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readCatalogRoles (exec and env read the catalog without opening the store)', () => {
  it('gives the roles the store gives', () => {
    const store = CatalogStore.open({ dir });
    try {
      store.add({
        label: 'Prod',
        roleArn: 'arn:aws:iam::210987654321:role/prod',
        profile: 'prod',
        region: 'eu-west-1',
        source: { kind: 'default' },
      });
      expect(readCatalogRoles(env())).toEqual(store.list());
    } finally {
      store.close();
    }
  });

  it('no file: no roles, and no file is created', () => {
    expect(readCatalogRoles(env())).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('migrates an older version in memory, leaving the file as it was', () => {
    const v1 = JSON.stringify({
      version: 1,
      roles: [
        {
          id: 'abcd2345',
          label: 'Old',
          roleArn: 'arn:aws:iam::210987654321:role/old',
          profile: 'old',
          source: { kind: 'default' },
          tags: [],
        },
      ],
      settings: {},
    });
    writeFileSync(join(dir, 'catalog.json'), v1);
    const roles = readCatalogRoles(env());
    expect(roles.map((role) => role.label)).toEqual(['Old']);
    expect(readFileSync(join(dir, 'catalog.json'), 'utf8')).toBe(v1);
  });

  it("a broken file is the store's one-line error, with a copy kept aside", () => {
    writeFileSync(join(dir, 'catalog.json'), '{"version": 1, "roles": [}');
    let error: unknown;
    try {
      readCatalogRoles(env());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as Error).message).toMatch(
      /^Switchyard's catalog .*is not valid JSON.*A copy was saved as /,
    );
    expect((error as Error).message).not.toContain('\n');
    expect(readdirSync(dir).filter((name) => name.startsWith('catalog.broken-'))).toHaveLength(1);
  });
});
