import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

function storedAccounts(): { version: number; accounts?: Record<string, unknown> } {
  return JSON.parse(catalogBytes(home)!.toString('utf8')) as {
    version: number;
    accounts?: Record<string, unknown>;
  };
}

/** A team's shared catalog file in the temp home: one role in DEV, names for both accounts. */
function publish(accounts: Record<string, { alias?: string; color?: string }>): string {
  const path = join(home.home, 'team-catalog.json');
  const role = {
    id: 'team-dev',
    label: 'team dev',
    roleArn: arn('team-dev', DEV),
    profile: 'team-dev',
    source: { kind: 'default' },
    tags: [],
  };
  const file = { format: 'switchyard-catalog', version: 4, roles: [role], accounts };
  writeFileSync(path, `${JSON.stringify(file)}\n`);
  return path;
}

async function run(args: readonly string[]): Promise<string> {
  const result = await switchyard(home, args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('switchyard accounts clear', () => {
  it('documents --auto in the help', async () => {
    const help = await run(['accounts', '--help']);
    expect(help).toContain('switchyard accounts clear <account-id> [--alias] [--color] [--auto]');
    expect(help).toMatch(/A\s+cleared alias stays cleared/);
    expect(help).toMatch(/--auto\s+clear: remove the alias and let a subscription/);
  });

  it('keeps a cleared alias clear through a subscription sync, until --auto hands it back', async () => {
    await addRole(home, ['--label', 'Prod', '--role-arn', arn('Prod', PROD), '--profile', 'prod']);
    await run(['accounts', 'set', PROD, '--alias', 'acme-prod', '--color', 'red']);
    expect(await run(['accounts', 'clear', PROD, '--alias'])).toBe(
      'accounts clear: account 1111-2222-3333: no alias (kept clear of automatic names), colour f2b0a9\n',
    );
    expect(storedAccounts()).toMatchObject({
      version: 5,
      accounts: { [PROD]: { aliasFrom: 'user', color: 'f2b0a9' } },
    });
    expect(await run(['accounts'])).toMatch(/1111-2222-3333\s+\(none\)\s+user\s+f2b0a9\s+1/);

    const file = publish({ [PROD]: { alias: 'Acme Prod' }, [DEV]: { alias: 'Acme Dev' } });
    const subscribed = await run(['catalog', 'subscribe', file, '--name', 'team']);
    expect(subscribed).toContain('team: 1 new, 0 changed, 0 removed, 0 unchanged, 1 account name');
    expect(expectJson(await switchyard(home, ['accounts', '--json']))).toEqual([
      { accountId: PROD, aliasFrom: 'user', color: 'f2b0a9', roles: 1 },
      {
        accountId: DEV,
        alias: 'Acme Dev',
        aliasFrom: 'subscription',
        subscription: 'team',
        roles: 1,
      },
    ]);
    expect(await run(['accounts', 'list'])).toMatch(
      /4444-5555-6666\s+Acme Dev\s+subscription team\s+-\s+1/,
    );

    expect(await run(['accounts', 'clear', PROD, '--auto'])).toBe(
      'accounts clear: account 1111-2222-3333: no alias (automatic names may fill it), colour f2b0a9\n',
    );
    expect(await run(['catalog', 'sync'])).toContain('1 account name');
    expect(storedAccounts().accounts?.[PROD]).toEqual({
      alias: 'Acme Prod',
      aliasFrom: 'subscription',
      subscription: 'team',
      color: 'f2b0a9',
    });
  });

  it("follows the team's rename unless the user named the account, and unsubscribing takes the names along", async () => {
    await run([
      'catalog',
      'subscribe',
      publish({ [DEV]: { alias: 'Acme Dev' } }),
      '--name',
      'team',
    ]);
    publish({ [DEV]: { alias: 'Acme Development' } });
    await run(['catalog', 'sync']);
    expect(storedAccounts().accounts?.[DEV]).toMatchObject({ alias: 'Acme Development' });

    await run(['accounts', 'set', DEV, '--alias', 'mine']);
    publish({ [DEV]: { alias: 'Acme Dev 2' } });
    await run(['catalog', 'sync']);
    expect(storedAccounts().accounts?.[DEV]).toEqual({ alias: 'mine', aliasFrom: 'user' });

    await run(['accounts', 'clear', DEV, '--auto']);
    await run(['catalog', 'sync']);
    expect(storedAccounts().accounts?.[DEV]).toMatchObject({ alias: 'Acme Dev 2' });
    await run(['catalog', 'unsubscribe', 'team']);
    expect(storedAccounts()).not.toHaveProperty('accounts');
  });

  it('refuses an alias that breaks the file rules, naming it, and changes nothing', async () => {
    const file = publish({ [DEV]: { alias: 'x'.repeat(65) } });
    const result = await switchyard(home, ['catalog', 'subscribe', file, '--name', 'team']);
    expectOneLineError(
      result,
      2,
      /team: catalog file: accounts\.444455556666: alias: is 65 characters long; shorten it to 64/,
    );
    expect(catalogBytes(home) === undefined || !storedAccounts().accounts).toBe(true);
  });
});
