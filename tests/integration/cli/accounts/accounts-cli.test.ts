import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createTempAwsHome, type TempAwsHome } from '../../../support/temp-aws-home';
import {
  addRole,
  arn,
  catalogBytes,
  expectJson,
  expectOneLineError,
  switchyard,
} from '../roles/roles-cli';

const PROD = '111122223333';
const DEV = '444455556666';

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome();
});
afterEach(() => home.cleanup());

async function addTwoAccounts(): Promise<void> {
  for (const [label, account] of [
    ['Prod admin', PROD],
    ['Prod read', PROD],
    ['Dev admin', DEV],
  ] as const) {
    await addRole(home, [
      '--label',
      label,
      '--role-arn',
      arn(label.replace(' ', '-'), account),
      '--profile',
      label.replace(' ', '-').toLowerCase(),
    ]);
  }
}

describe('switchyard accounts', () => {
  it('lists nothing, without creating a catalog, when there is none yet', async () => {
    const text = await switchyard(home, ['accounts']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^no accounts in /);
    expect(expectJson(await switchyard(home, ['accounts', '--json']))).toEqual([]);
    expect(catalogBytes(home)).toBeUndefined();
  });

  it('lists the accounts with role counts, sets and clears an alias and a colour', async () => {
    await addTwoAccounts();
    expect(expectJson(await switchyard(home, ['accounts', '--json']))).toEqual([
      { accountId: PROD, roles: 2 },
      { accountId: DEV, roles: 1 },
    ]);
    const set = await switchyard(home, [
      'accounts',
      'set',
      '1111-2222-3333',
      '--alias',
      'acme-prod',
      '--color',
      '#FF8800',
    ]);
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('accounts set: account 1111-2222-3333: "acme-prod", colour ff8800\n');
    const table = await switchyard(home, ['accounts', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ACCOUNT\s+ALIAS\s+FROM\s+COLOR\s+ROLES$/);
    expect(table.stdout).toMatch(/1111-2222-3333\s+acme-prod\s+user\s+ff8800\s+2/);
    expect(table.stdout).toMatch(/4444-5555-6666\s+-\s+-\s+-\s+1/);
    expect(
      expectJson(await switchyard(home, ['accounts', 'clear', PROD, '--color', '--json'])),
    ).toEqual({ accountId: PROD, alias: 'acme-prod', aliasFrom: 'user', roles: 2 });
    // The cleared alias is kept as the user's choice of none (cleared-alias-cli.test.ts)…
    expect(expectJson(await switchyard(home, ['accounts', 'clear', PROD, '--json']))).toEqual({
      accountId: PROD,
      aliasFrom: 'user',
      roles: 2,
    });
    // …until --auto hands it back to automatic naming: then nothing is left of the entry.
    expect(
      expectJson(await switchyard(home, ['accounts', 'clear', PROD, '--auto', '--json'])),
    ).toEqual({ accountId: PROD, roles: 2 });
    const catalog = JSON.parse(catalogBytes(home)!.toString('utf8')) as Record<string, unknown>;
    expect(catalog).not.toHaveProperty('accounts');
  });

  it.each([
    [['set', '1234', '--alias', 'x'], /account id: "1234" is not a 12-digit account id/],
    [['set', PROD, '--alias', 'a\u0001b'], /alias: contains .* at position 2; remove it/],
    [['set', PROD, '--alias', 'x'.repeat(65)], /alias: is 65 characters long; shorten it to 64/],
    [['set', PROD, '--color', 'teal'], /color: "teal" is not a color; use six hex digits/],
    [['set', PROD], /nothing to set; give --alias NAME and\/or --color RRGGBB/],
    [['set'], /missing <account-id>/],
    [['rename', PROD], /accounts: unknown subcommand "rename"; use list, set or clear/],
  ])('refuses %j in one line, changing nothing', async (args, message) => {
    await addTwoAccounts();
    const before = catalogBytes(home);
    expectOneLineError(await switchyard(home, ['accounts', ...args]), 2, message);
    expect(catalogBytes(home)).toEqual(before);
  });
});
