import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';

import {
  fillAccountAlias,
  mergeSharedAccountNames,
  patchAccountName,
} from '../../../electron/core/catalog/account-names';
import { catalogConfOptions } from '../../../electron/core/catalog/catalog-conf-options';
import { CATALOG_MIGRATIONS } from '../../../electron/core/catalog/catalog-migrations';
import { CATALOG_DEFAULTS, CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { checkCatalogDocument } from '../../../electron/core/catalog/check-catalog-document';
import { exportCatalog } from '../../../electron/core/catalog/export-catalog';
import { importCatalogFile } from '../../../electron/core/catalog/import-catalog-file';
import type { AccountNames } from '../../../shared/account-name';
import { DEFAULT_SETTINGS } from '../../../shared/model';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();
const PROD = '111122223333';
const DEV = '444455556666';
const TEAM = { format: 'switchyard-catalog', version: 4, roles: [] };

describe('a cleared alias (catalog version 5)', () => {
  it("is kept as the user's choice of none, which no automatic name fills", () => {
    const named = { [PROD]: { alias: 'Acme', aliasFrom: 'identity-center' as const } };
    const { names, entry } = patchAccountName(named, PROD, { alias: null });
    expect(entry).toEqual({ aliasFrom: 'user' });
    expect(names).toEqual({ [PROD]: { aliasFrom: 'user' } });
    expect(fillAccountAlias(names, PROD, 'Acme', 'identity-center')).toBeUndefined();
    expect(fillAccountAlias(names, PROD, 'acme', 'iam')).toBeUndefined();
    expect(mergeSharedAccountNames(names, { [PROD]: { alias: 'shared' } })).toBeUndefined();
    // A colour still fills, as it does for any account without one.
    expect(mergeSharedAccountNames(names, { [PROD]: { color: 'ff0000' } })).toEqual({
      [PROD]: { aliasFrom: 'user', color: 'ff0000' },
    });
  });

  it('goes back to automatic naming with autoAlias, keeping the colour', () => {
    const cleared: AccountNames = { [PROD]: { aliasFrom: 'user', color: 'ff0000' } };
    const auto = patchAccountName(cleared, PROD, { autoAlias: true }).names;
    expect(auto).toEqual({ [PROD]: { color: 'ff0000' } });
    expect(fillAccountAlias(auto, PROD, 'acme', 'iam')).toEqual({
      [PROD]: { color: 'ff0000', alias: 'acme', aliasFrom: 'iam' },
    });
    // Nothing left: the entry goes.
    expect(
      patchAccountName({ [PROD]: { aliasFrom: 'user' } }, PROD, { autoAlias: true }).names,
    ).toEqual({});
    expect(() => patchAccountName({}, PROD, { alias: 'x', autoAlias: true })).toThrow(
      'alias: cannot be both set and left to automatic naming; give either an alias or automatic naming',
    );
  });

  it("is written to catalog.json as version 5 and read back; conf's schema accepts it", () => {
    const dir = tempDir();
    const store = CatalogStore.open();
    store.add(roleInput('Prod', { roleArn: arn('Prod', PROD) }));
    store.changeAccounts((names) => ({
      names: patchAccountName(names, PROD, { alias: null }).names,
      result: undefined,
    }));
    const saved = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
      version: number;
      accounts: unknown;
    };
    expect(saved.version).toBe(5);
    expect(saved.accounts).toEqual({ [PROD]: { aliasFrom: 'user' } });
    expect(CatalogStore.open().accounts()).toEqual({ [PROD]: { aliasFrom: 'user' } });
    const conf = new Conf<Record<string, unknown>>(catalogConfOptions(join(dir, 'x')));
    conf.store = { ...CATALOG_DEFAULTS, accounts: { [PROD]: { aliasFrom: 'user' } } };
    expect(() => {
      conf.store = { ...CATALOG_DEFAULTS, accounts: { [PROD]: { aliasFrom: 'auto' } } };
    }).toThrow(/schema violation/);
  });

  it.each([
    [
      { [PROD]: { aliasFrom: 'iam' } },
      /accounts\.111122223333: aliasFrom: is set without an alias/,
    ],
    [{ [PROD]: { aliasFrom: 'subscription' } }, /aliasFrom: is set without an alias/],
    [{ [PROD]: { alias: 'x', aliasFrom: 'subscription' } }, /subscription: is missing/],
    [
      { [PROD]: { alias: 'x', aliasFrom: 'subscription', subscription: 'Team X' } },
      /subscription: "Team X" is not a valid subscription name/,
    ],
    [
      { [PROD]: { alias: 'x', subscription: 'team' } },
      /subscription: is set without "aliasFrom": "subscription"; remove it/,
    ],
    [
      { [PROD]: { alias: 'x', aliasFrom: 'subscription', subscription: 'team' } },
      /accounts\.111122223333: its alias is from subscription "team", which is not in "subscriptions"/,
    ],
  ])('refuses the entry %j in one line', (accounts, message) => {
    const doc = { ...CATALOG_DEFAULTS, accounts } as Record<string, unknown>;
    expect(() => checkCatalogDocument(doc)).toThrow(message);
    expect(() => checkCatalogDocument(doc)).not.toThrow(/\n/);
  });

  it('migrates a version-4 catalog unchanged but for its version, keeping the old file aside', () => {
    const v4 = {
      version: 4,
      roles: [],
      settings: DEFAULT_SETTINGS,
      accounts: { [PROD]: { alias: 'acme', aliasFrom: 'iam' } },
    };
    expect(CATALOG_MIGRATIONS[5]!(structuredClone(v4))).toEqual({ ...v4, version: 5 });
    expect(CATALOG_VERSION).toBe(5);
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const text = `${JSON.stringify(v4)}\n`;
    writeFileSync(join(dir, 'catalog.json'), text);
    expect(CatalogStore.open().accounts()).toEqual(v4.accounts);
    const saved = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
      version: number;
    };
    expect(saved.version).toBe(5);
    const aside = readdirSync(dir).find((name) => name.startsWith('catalog.v4-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe(text);
  });

  it("does not travel in exports (this machine's choice), and an export stays version 4", () => {
    const from = tempDir();
    const source = CatalogStore.open({ dir: from });
    source.add(roleInput('Prod', { roleArn: arn('Prod', PROD) }));
    source.changeAccounts((names) => ({
      names: patchAccountName(patchAccountName(names, PROD, { alias: null }).names, DEV, {
        alias: null,
        color: 'red',
      }).names,
      result: undefined,
    }));
    const shared = JSON.parse(exportCatalog(source)) as { version: number; accounts: unknown };
    expect(shared.version).toBe(4);
    expect(shared.accounts).toEqual({ [DEV]: { color: 'f2b0a9' } });
    // A file that carries one anyway (hand-written) brings no alias and clears nothing.
    const target = CatalogStore.open({ dir: join(from, 'other') });
    target.changeAccounts((names) => ({
      names: patchAccountName(names, PROD, { alias: 'mine' }).names,
      result: undefined,
    }));
    const text = JSON.stringify({ ...TEAM, accounts: { [PROD]: { aliasFrom: 'user' } } });
    importCatalogFile(target, text);
    expect(target.accounts()).toEqual({ [PROD]: { alias: 'mine', aliasFrom: 'user' } });
  });
});
