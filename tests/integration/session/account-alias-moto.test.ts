import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import type { SessionNotification } from '../../../electron/core/session/session-engine';
import { motoQuery, startMoto, type MotoServer } from '../../support/moto';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { requireTool } from '../../support/tools';

const tools = requireTool('moto');
const CREDENTIALS =
  '[source]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

/** A catalog with one role in each account; returns the role ids by account. */
function addRoles(home: TempAwsHome, accounts: readonly string[]): Record<string, string> {
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  const ids = Object.fromEntries(
    accounts.map((account) => [
      account,
      catalog.add({
        label: `ops ${account}`,
        roleArn: `arn:aws:iam::${account}:role/ops`,
        profile: `ops-${account}`,
        source: { kind: 'profile', profile: 'source' },
      }).id,
    ]),
  );
  catalog.close();
  return ids;
}

async function startEngine(home: TempAwsHome) {
  const engine = await createSessionEngine({
    kind: 'daemon',
    configDir: home.switchyardConfigDir,
    env: home.env,
    secrets: new MemorySecretStore(),
  });
  const told: SessionNotification[] = [];
  engine.onNotification((n) => told.push(n));
  return { engine, told };
}

describe.skipIf(!tools.available)(
  `account names from iam:ListAccountAliases ${tools.skipReason}`,
  () => {
    let moto: MotoServer;

    beforeAll(async () => {
      moto = await startMoto();
      for (const [account, alias] of [
        ['111111111111', 'acme-prod'],
        ['333333333333', 'acme-shared'],
      ]) {
        await motoQuery(
          moto.endpoint,
          'iam',
          { Action: 'CreateAccountAlias', Version: '2010-05-08', AccountAlias: alias! },
          { accountId: account },
        );
      }
    });
    afterAll(async () => {
      await moto?.stop();
    });

    it("names an account after its IAM alias once a role of it is active, never over the user's alias", async () => {
      // AWS_ENDPOINT_URL serves both STS and IAM, as in the AWS SDKs.
      const home = createTempAwsHome({
        credentials: CREDENTIALS,
        env: { AWS_ENDPOINT_URL: moto.endpoint },
      });
      const ids = addRoles(home, ['111111111111', '222222222222', '333333333333']);
      const { engine, told } = await startEngine(home);
      try {
        await engine.updateAccount('333333333333', { alias: 'mine' });
        // Cleared as the tray's Clear does: the user chose no alias, IAM's stays out.
        await engine.updateAccount('111111111111', { alias: 'x' });
        await engine.updateAccount('111111111111', { alias: null, color: null });
        await engine.activateAll(Object.values(ids));
        expect(engine.snapshot().roles.every((v) => v.state === 'active')).toBe(true);
        await engine.accountNamesSettled();
        const accounts = Object.fromEntries(
          engine.snapshot().roles.map((v) => [v.role.roleArn.split(':')[4], v.account]),
        );
        expect(accounts).toEqual({
          '111111111111': { aliasFrom: 'user' },
          '222222222222': undefined, // no alias in IAM
          '333333333333': { alias: 'mine', aliasFrom: 'user' },
        });
        // Handed back to automatic naming, the next activation names it; written to
        // the catalog, where the CLI and the next start find it.
        await engine.updateAccount('111111111111', { autoAlias: true });
        await engine.deactivate(ids['111111111111']!);
        await engine.activate(ids['111111111111']!);
        await engine.accountNamesSettled();
        const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
        expect(catalog.accounts()['111111111111']).toEqual({
          alias: 'acme-prod',
          aliasFrom: 'iam',
        });
        catalog.close();
        expect(told).toEqual([]);
      } finally {
        await engine.stop();
        home.cleanup();
      }
    });

    describe('when IAM says no', () => {
      let iam: Server;
      let asked = 0;
      beforeAll(async () => {
        iam = createServer((req, res) => {
          asked += 1;
          req.resume();
          res.writeHead(403, { 'content-type': 'text/xml' });
          res.end(
            '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: iam:ListAccountAliases</Message></Error></ErrorResponse>',
          );
        });
        await new Promise<void>((resolve) => iam.listen(0, '127.0.0.1', resolve));
      });
      afterAll(() => new Promise<void>((resolve) => iam.close(() => resolve())));

      it('activates all the same, tells nothing, and asks once per account', async () => {
        const home = createTempAwsHome({
          credentials: CREDENTIALS,
          env: {
            AWS_ENDPOINT_URL_STS: moto.endpoint,
            AWS_ENDPOINT_URL_IAM: `http://127.0.0.1:${(iam.address() as AddressInfo).port}`,
          },
        });
        const ids = addRoles(home, ['111111111111']);
        const id = ids['111111111111']!;
        const { engine, told } = await startEngine(home);
        try {
          await engine.activate(id);
          await engine.accountNamesSettled();
          await engine.deactivate(id);
          await engine.activate(id);
          await engine.accountNamesSettled();
          expect(engine.snapshot().roles[0]).toMatchObject({ state: 'active' });
          expect(engine.snapshot().roles[0]?.account).toBeUndefined();
          expect(asked).toBe(1);
          expect(told).toEqual([]);
        } finally {
          await engine.stop();
          home.cleanup();
        }
      });

      it("does not ask for an account whose alias the user cleared (the tray's Clear)", async () => {
        const home = createTempAwsHome({
          credentials: CREDENTIALS,
          env: {
            AWS_ENDPOINT_URL_STS: moto.endpoint,
            AWS_ENDPOINT_URL_IAM: `http://127.0.0.1:${(iam.address() as AddressInfo).port}`,
          },
        });
        const ids = addRoles(home, ['444444444444']);
        const { engine } = await startEngine(home);
        const before = asked;
        try {
          await engine.updateAccount('444444444444', { alias: 'x' });
          await engine.updateAccount('444444444444', { alias: null, color: null });
          await engine.activate(ids['444444444444']!);
          await engine.accountNamesSettled();
          expect(engine.snapshot().roles[0]?.account).toEqual({ aliasFrom: 'user' });
          expect(asked).toBe(before);
        } finally {
          await engine.stop();
          home.cleanup();
        }
      });
    });
  },
);
