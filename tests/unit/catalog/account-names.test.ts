import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';

import {
  fillAccountAlias,
  patchAccountName,
  summarizeAccounts,
} from '../../../electron/core/catalog/account-names';
import { catalogConfOptions } from '../../../electron/core/catalog/catalog-conf-options';
import { exportCatalog } from '../../../electron/core/catalog/export-catalog';
import { importCatalogFile } from '../../../electron/core/catalog/import-catalog-file';
import { CATALOG_MIGRATIONS } from '../../../electron/core/catalog/catalog-migrations';
import { CATALOG_DEFAULTS, CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { checkCatalogDocument } from '../../../electron/core/catalog/check-catalog-document';
import { groupedAccountId } from '../../../shared/account-name';
import { DEFAULT_SETTINGS } from '../../../shared/model';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();
const NOW = new Date('2026-12-06T10:00:00.000Z');
const PROD = '111122223333';
const DEV = '444455556666';

function role(id: string, account: string, group?: string): Record<string, unknown> {
  return {
    id,
    label: id,
    roleArn: arn(id, account),
    profile: id,
    source: { kind: 'default' },
    tags: [],
    ...(group === undefined ? {} : { group }),
  };
}

describe('account names in catalog.json (version 4)', () => {
  it('migrates a version-3 catalog: an account whose roles share one group gets it as its alias', () => {
    const v3 = {
      version: 3,
      roles: [
        role('a1', PROD, 'acme-prod'),
        role('a2', PROD, 'acme-prod'),
        role('d1', DEV, 'dev'),
        role('d2', DEV, 'other'),
        role('n1', '777788889999'),
      ],
      settings: DEFAULT_SETTINGS,
    };
    const migrated = CATALOG_MIGRATIONS[4]!(structuredClone(v3));
    expect(migrated).toEqual({
      ...v3,
      version: 4,
      accounts: { [PROD]: { alias: 'acme-prod', aliasFrom: 'user' } },
    });
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const text = `${JSON.stringify(v3)}\n`;
    writeFileSync(join(dir, 'catalog.json'), text);
    const store = CatalogStore.open({ now: () => NOW });
    expect(store.accounts()).toEqual({ [PROD]: { alias: 'acme-prod', aliasFrom: 'user' } });
    // Roles keep their group: nothing the user wrote is lost.
    expect(store.get('d2').group).toBe('other');
    const saved = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
      version: number;
    };
    expect(saved.version).toBe(CATALOG_VERSION);
    const aside = readdirSync(dir).find((name) => name.startsWith('catalog.v3-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe(text);
  });

  it("keeps aliases and colours through the file, and conf's schema accepts what the checks accept", () => {
    tempDir();
    const store = CatalogStore.open();
    store.add(roleInput('Prod', { roleArn: arn('Prod', PROD) }));
    store.changeAccounts((names) => ({
      names: patchAccountName(names, '1111-2222-3333', { alias: 'acme-prod', color: 'Orange' })
        .names,
      result: undefined,
    }));
    const again = CatalogStore.open();
    expect(again.accounts()).toEqual({
      [PROD]: { alias: 'acme-prod', color: 'fbc8aa', aliasFrom: 'user' },
    });
    expect(again.snapshot().accounts).toEqual(again.accounts());
    const conf = new Conf<Record<string, unknown>>(catalogConfOptions(join(tempDir(), 'x')));
    conf.store = { ...CATALOG_DEFAULTS, accounts: again.accounts() } as Record<string, unknown>;
    expect(() => {
      conf.store = { ...CATALOG_DEFAULTS, accounts: { '1234': { alias: 'x' } } };
    }).toThrow(/schema violation/);
  });

  it.each([
    [{ '1111-2222-3333': { alias: 'x' } }, /accounts: has the key "1111-2222-3333"/],
    [{ [PROD]: { alias: 'a\u0007b' } }, /accounts\.111122223333: alias: contains/],
    [{ [PROD]: { alias: 'x'.repeat(65) } }, /alias: is 65 characters long; shorten it to 64/],
    [{ [PROD]: { color: 'f2b0a' } }, /color: "f2b0a" is not a color/],
    [{ [PROD]: {} }, /has neither alias nor color; remove the entry/],
    [{ [PROD]: { alias: 'x', nick: 'y' } }, /unknown key "nick"/],
    [{ [PROD]: { color: 'ff0000', aliasFrom: 'iam' } }, /aliasFrom: is set without an alias/],
  ])('refuses a bad accounts entry %j in one line', (accounts, message) => {
    const doc = { ...CATALOG_DEFAULTS, accounts } as Record<string, unknown>;
    expect(() => checkCatalogDocument(doc)).toThrow(message);
    try {
      checkCatalogDocument(doc);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('changes one account at a time: set, clear, and a bad id, alias or colour changes nothing', () => {
    tempDir();
    const store = CatalogStore.open();
    const set = (id: string, patch: Parameters<typeof patchAccountName>[2]) =>
      store.changeAccounts((names) => {
        const next = patchAccountName(names, id, patch);
        return { names: next.names, result: next.entry };
      });
    expect(set(PROD, { alias: '  acme-prod ', color: '#FF8800' })).toEqual({
      alias: 'acme-prod',
      color: 'ff8800',
      aliasFrom: 'user',
    });
    expect(() => set('11112222333', { alias: 'x' })).toThrow(
      'account id: "11112222333" is not a 12-digit account id; give the 12-digit account id',
    );
    expect(() => set(PROD, { alias: '' })).toThrow('alias: is empty; enter 1–64 characters');
    expect(() => set(PROD, { color: 'teal' })).toThrow('color: "teal" is not a color');
    expect(store.accounts()[PROD]).toEqual({
      alias: 'acme-prod',
      color: 'ff8800',
      aliasFrom: 'user',
    });
    // A cleared alias is kept as the user's choice of none (see cleared-aliases.test.ts).
    expect(set(PROD, { alias: null })).toEqual({ color: 'ff8800', aliasFrom: 'user' });
    set(PROD, { color: null, autoAlias: true });
    expect(store.accounts()).toEqual({});
    expect(store.snapshot()).not.toHaveProperty('accounts');
  });

  it("fills an alias found automatically, never over the user's own", () => {
    const user = { [PROD]: { alias: 'mine', aliasFrom: 'user' as const } };
    expect(fillAccountAlias(user, PROD, 'Acme Production', 'identity-center')).toBeUndefined();
    expect(fillAccountAlias(user, PROD, 'acme-prod', 'iam')).toBeUndefined();
    const filled = fillAccountAlias({ [PROD]: { color: 'ff0000' } }, PROD, 'Acme', 'iam');
    expect(filled).toEqual({ [PROD]: { color: 'ff0000', alias: 'Acme', aliasFrom: 'iam' } });
    // Identity Center's name (the account renamed there) replaces an automatic one…
    expect(fillAccountAlias(filled!, PROD, 'Acme Prod', 'identity-center')).toEqual({
      [PROD]: { color: 'ff0000', alias: 'Acme Prod', aliasFrom: 'identity-center' },
    });
    // …but the IAM alias does not replace Identity Center's, and the same name changes nothing.
    const fromSso = { [PROD]: { alias: 'Acme Prod', aliasFrom: 'identity-center' as const } };
    expect(fillAccountAlias(fromSso, PROD, 'acme', 'iam')).toBeUndefined();
    expect(fillAccountAlias(fromSso, PROD, 'Acme Prod', 'identity-center')).toBeUndefined();
    expect(fillAccountAlias({}, PROD, 'bad\nname', 'identity-center')).toBeUndefined();
  });

  it('summarizes accounts with their role counts, named accounts without roles included', () => {
    const roles = [role('a1', PROD), role('a2', PROD), role('d1', DEV)].map(
      (raw) => checkCatalogDocument({ ...CATALOG_DEFAULTS, roles: [raw] }).roles[0]!,
    );
    expect(
      summarizeAccounts(roles, { '999999999999': { alias: 'old' }, [PROD]: { alias: 'p' } }),
    ).toEqual([
      { accountId: PROD, alias: 'p', roles: 2 },
      { accountId: DEV, roles: 1 },
      { accountId: '999999999999', alias: 'old', roles: 0 },
    ]);
    expect(groupedAccountId(PROD)).toBe('1111-2222-3333');
  });

  it('travels in catalog exports (alias and colour), filling only what the importer has not named', () => {
    const from = tempDir();
    const source = CatalogStore.open({ dir: from });
    source.add(roleInput('Prod', { roleArn: arn('Prod', PROD) }));
    source.add(roleInput('Dev', { roleArn: arn('Dev', DEV) }));
    source.changeAccounts((names) => ({
      names: fillAccountAlias(
        patchAccountName(names, PROD, { alias: 'acme-prod', color: 'red' }).names,
        DEV,
        'acme-dev',
        'iam',
      ),
      result: undefined,
    }));
    const text = exportCatalog(source);
    const shared = JSON.parse(text) as { version: number; accounts: unknown };
    expect(shared.version).toBe(4);
    expect(shared.accounts).toEqual({
      [PROD]: { alias: 'acme-prod', color: 'f2b0a9' },
      [DEV]: { alias: 'acme-dev' },
    });
    const target = CatalogStore.open({ dir: join(from, 'other') });
    target.changeAccounts((names) => ({
      names: patchAccountName(names, PROD, { alias: 'my-prod' }).names,
      result: undefined,
    }));
    importCatalogFile(target, text);
    expect(target.accounts()).toEqual({
      [PROD]: { alias: 'my-prod', color: 'f2b0a9', aliasFrom: 'user' },
      [DEV]: { alias: 'acme-dev', aliasFrom: 'user' },
    });
    const bad = JSON.stringify({ ...shared, accounts: { [PROD]: { color: 'nope' } } });
    expect(() => importCatalogFile(target, bad)).toThrow(
      /^catalog file: accounts\.111122223333: color: "nope" is not a color/,
    );
  });
});
