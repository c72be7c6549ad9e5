import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { patchAccountName } from '../../../electron/core/catalog/account-names';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { subscribe, unsubscribe } from '../../../electron/core/subscriptions/manage-subscriptions';
import {
  syncSubscription,
  type SubscriptionDeps,
} from '../../../electron/core/subscriptions/sync-subscription';
import type { AccountPatch } from '../../../shared/account-name';
import {
  catalogExport,
  startCatalogServer,
  teamRole,
  type CatalogServer,
} from '../../support/catalog-server';

const TEAM = '210987654321';
const OTHER = '111122223333';
let server: CatalogServer;
let dir: string;
let catalog: CatalogStore;
let deps: SubscriptionDeps & { catalog: CatalogStore };
const none = { activeRoleIds: new Set<string>() };
const fromTeam = (alias: string) => ({
  alias,
  aliasFrom: 'subscription',
  subscription: 'platform',
});

beforeAll(async () => {
  server = await startCatalogServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-subs-names-'));
  catalog = CatalogStore.open({ dir });
  deps = { catalog, configDir: dir, now: () => 1_000 };
  server.mode = 'normal';
  server.requests.length = 0;
});
afterEach(() => {
  catalog.close();
  rmSync(dir, { recursive: true, force: true });
});

function change(accountId: string, patch: AccountPatch): void {
  catalog.changeAccounts((names) => ({
    names: patchAccountName(names, accountId, patch).names,
    result: undefined,
  }));
}

describe("an https subscription's account names", () => {
  it("fill the catalog's accounts, follow the team's rename, and keep the user's choices", async () => {
    change(OTHER, { alias: null });
    server.publish(
      catalogExport([teamRole('ops')], {
        [TEAM]: { alias: 'Acme Team', color: 'ff8800' },
        [OTHER]: { alias: 'Acme Other' },
      }),
    );
    const first = await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    expect(first.accountsNamed).toBe(1);
    expect(catalog.accounts()).toEqual({
      [TEAM]: { ...fromTeam('Acme Team'), color: 'ff8800' },
      // Cleared by the user before: the team's name does not bring it back.
      [OTHER]: { aliasFrom: 'user' },
    });

    server.publish(catalogExport([teamRole('ops')], { [TEAM]: { alias: 'Acme Platform' } }));
    const renamed = await syncSubscription(deps, 'platform', none);
    expect(renamed.result).toBe('applied');
    expect(renamed.plan!.changed).toEqual([]);
    expect(renamed.catalogChanged).toBe(true);
    // The colour stays: a colour only fills an account without one.
    expect(catalog.accounts()[TEAM]).toEqual({ ...fromTeam('Acme Platform'), color: 'ff8800' });

    // Handed back to automatic naming while the source is unchanged (304): the copy at hand names it.
    change(OTHER, { autoAlias: true });
    server.publish(
      catalogExport([teamRole('ops')], {
        [TEAM]: { alias: 'Acme Platform' },
        [OTHER]: { alias: 'Acme Other' },
      }),
    );
    await syncSubscription(deps, 'platform', none);
    change(OTHER, { autoAlias: true });
    const unchanged = await syncSubscription(deps, 'platform', none);
    expect(server.requests.at(-1)!.status).toBe(304);
    expect(unchanged.accountsNamed).toBe(1);
    expect(catalog.accounts()[OTHER]).toEqual(fromTeam('Acme Other'));

    change(TEAM, { alias: 'mine' });
    server.publish(catalogExport([teamRole('ops')], { [TEAM]: { alias: 'Acme 3' } }));
    await syncSubscription(deps, 'platform', none);
    expect(catalog.accounts()[TEAM]).toEqual({ alias: 'mine', aliasFrom: 'user', color: 'ff8800' });
    // OTHER is no longer named by the file: its alias from the team goes.
    expect(catalog.accounts()).not.toHaveProperty(OTHER);
  });

  it('are written neither by a dry run nor while a change waits for review', async () => {
    server.publish(catalogExport([teamRole('ops')]));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    server.publish(catalogExport([], { [TEAM]: { alias: 'Acme Team' } }));
    const dry = await syncSubscription(deps, 'platform', { ...none, dryRun: true });
    expect(dry.result).toBe('dry-run');
    expect(dry.accountsNamed).toBe(1);
    const review = await syncSubscription(deps, 'platform', { activeRoleIds: new Set(['ops']) });
    expect(review.result).toBe('review');
    expect(catalog.accounts()).toEqual({});
    await syncSubscription(deps, 'platform', { activeRoleIds: new Set(['ops']), yes: true });
    expect(catalog.accounts()).toEqual({ [TEAM]: fromTeam('Acme Team') });
  });

  it('leave a name another subscription gave first, and go with their subscription', async () => {
    server.publish(catalogExport([teamRole('ops')], { [TEAM]: { alias: 'Acme Team' } }));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    server.publish(catalogExport([teamRole('audit')], { [TEAM]: { alias: 'Audit view' } }));
    await subscribe(deps, { name: 'audit', kind: 'https', location: server.url });
    expect(catalog.accounts()).toEqual({ [TEAM]: fromTeam('Acme Team') });

    await unsubscribe(deps, 'platform', none);
    expect(catalog.accounts()).toEqual({});
    // The next sync of the other subscription names the account.
    await syncSubscription(deps, 'audit', none);
    expect(catalog.accounts()[TEAM]).toMatchObject({ alias: 'Audit view', subscription: 'audit' });
    await unsubscribe(deps, 'audit', { ...none, keepRoles: true });
    expect(catalog.accounts()).toEqual({ [TEAM]: { alias: 'Audit view', aliasFrom: 'user' } });
  });

  it('reject a file whose names break the file rules, leaving the catalog as it was', async () => {
    server.publish(catalogExport([teamRole('ops')], { [TEAM]: { alias: 'Acme Team' } }));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    const before = catalog.snapshot();
    server.publish(catalogExport([teamRole('ops')], { [TEAM]: { alias: 'a\u0007b' } }));
    const outcome = await syncSubscription(deps, 'platform', none);
    expect(outcome.result).toBe('failed');
    expect(outcome.error).toMatch(/^catalog file: accounts\.210987654321: alias: contains /);
    expect(catalog.snapshot()).toEqual(before);
  });
});
