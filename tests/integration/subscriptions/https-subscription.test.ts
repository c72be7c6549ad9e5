import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { DEFAULT_FETCH_LIMITS } from '../../../electron/core/subscriptions/fetch-types';
import {
  subscribe,
  subscriptionViews,
} from '../../../electron/core/subscriptions/manage-subscriptions';
import { sha256Hex } from '../../../electron/core/subscriptions/subscription-files';
import {
  syncSubscription,
  type SubscriptionDeps,
} from '../../../electron/core/subscriptions/sync-subscription';
import {
  catalogExport,
  HUGE_BYTES,
  startCatalogServer,
  teamRole,
  type CatalogServer,
} from '../../support/catalog-server';

let server: CatalogServer;
let dir: string;
let catalog: CatalogStore;
let deps: SubscriptionDeps & { catalog: CatalogStore };
const none = { activeRoleIds: new Set<string>() };

beforeAll(async () => {
  server = await startCatalogServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-subs-'));
  catalog = CatalogStore.open({ dir });
  deps = { catalog, configDir: dir, now: () => 1_000 };
  server.mode = 'normal';
  server.requests.length = 0;
});
afterEach(() => {
  catalog.close();
  rmSync(dir, { recursive: true, force: true });
});

const labels = (): string[] => catalog.list().map((role) => role.label);

describe('an https (loopback http) subscription', () => {
  it('sends the ETag back: a 304 changes nothing, a new ETag brings the change', async () => {
    server.publish(catalogExport([teamRole('ops'), teamRole('audit')]));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    expect(labels()).toEqual(['ops', 'audit']);

    const same = await syncSubscription(deps, 'platform', none);
    expect(same.result).toBe('applied');
    expect(same.catalogChanged).toBe(false);
    expect(server.requests.map((r) => r.status)).toEqual([200, 304]);
    expect(server.requests[1]!.ifNoneMatch).toBe('"v1"');

    server.publish(catalogExport([teamRole('ops'), teamRole('billing')]));
    const next = await syncSubscription(deps, 'platform', none);
    expect(next.result).toBe('applied');
    expect(next.plan!.added.map((r) => r.id)).toEqual(['billing']);
    expect(next.plan!.removed.map((r) => r.id)).toEqual(['audit']);
    expect(labels()).toEqual(['ops', 'billing']);
    expect(catalog.get('billing').subscription).toBe('platform');
  });

  it('rejects a tampered file whole, naming the place, and keeps the last good copy in use', async () => {
    const good = catalogExport([teamRole('ops')]);
    server.publish(good);
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    server.publish(good.replace('arn:aws:iam::210987654321:role/ops', 'arn:aws:iam::2109:role/x'));
    const outcome = await syncSubscription(deps, 'platform', none);
    expect(outcome.result).toBe('failed');
    expect(outcome.error).toMatch(/^catalog file: roles\[0\] \("ops"\): role ARN: /);
    expect(outcome.error).not.toContain('\n');
    expect(labels()).toEqual(['ops']);
    expect(readFileSync(join(dir, 'subscriptions', 'platform.applied'), 'utf8')).toBe(good);
    const status = JSON.parse(
      readFileSync(join(dir, 'subscriptions', 'platform.status.json'), 'utf8'),
    );
    expect(status.error).toBe(outcome.error);
  });

  it('refuses content that no longer matches its pinned SHA-256, showing both digests', async () => {
    const good = catalogExport([teamRole('ops')]);
    server.publish(good);
    const pin = sha256Hex(Buffer.from(good));
    await subscribe(deps, { name: 'pinned', kind: 'https', location: server.url, sha256: pin });
    const changed = catalogExport([teamRole('ops'), teamRole('evil')]);
    server.publish(changed);
    const outcome = await syncSubscription(deps, 'pinned', none);
    expect(outcome.result).toBe('failed');
    expect(outcome.error).toContain(
      `pinned SHA-256 ${pin}, fetched ${sha256Hex(Buffer.from(changed))}`,
    );
    expect(labels()).toEqual(['ops']);
  });

  it('aborts a 50 MB answer at the 1 MiB limit while it streams', async () => {
    server.publish(catalogExport([teamRole('ops')]));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    server.mode = 'huge';
    const before = process.memoryUsage().arrayBuffers;
    const outcome = await syncSubscription(deps, 'platform', none);
    expect(outcome.result).toBe('failed');
    expect(outcome.error).toContain('larger than 1024 KiB');
    // The client went away early: the server could not push anywhere near 50 MB.
    expect(server.hugeBytesSent).toBeLessThan(HUGE_BYTES / 4);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(labels()).toEqual(['ops']);
  });

  it('gives up on a server that never answers, with the deadline in the error', async () => {
    server.publish(catalogExport([teamRole('ops')]));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    server.mode = 'slow';
    const quick = { ...DEFAULT_FETCH_LIMITS, totalTimeoutMs: 200 };
    const outcome = await syncSubscription({ ...deps, limits: quick }, 'platform', none);
    expect(outcome).toMatchObject({ result: 'failed' });
    expect(outcome.error).toMatch(/no complete answer within 0\.2 s$/);
    expect(labels()).toEqual(['ops']);
  });

  it('refuses a URL with credentials in it, and plain http to another machine, before storing it', async () => {
    await expect(
      subscribe(deps, {
        name: 'x',
        kind: 'https',
        location: 'https://me:secret@example.com/c.json',
      }),
    ).rejects.toThrow(/carries a user name or password in the URL/);
    await expect(
      subscribe(deps, { name: 'x', kind: 'https', location: 'http://example.com/c.json' }),
    ).rejects.toThrow(/http: is not allowed/);
    expect(catalog.subscriptions()).toEqual([]);
    expect(JSON.stringify(catalog.snapshot())).not.toContain('secret');
  });

  it('holds back a role a second subscription also defines: the first one keeps it, and says so', async () => {
    server.publish(catalogExport([teamRole('shared'), teamRole('ops')]));
    await subscribe(deps, { name: 'platform', kind: 'https', location: server.url });
    const file = join(dir, 'security.json');
    writeFileSync(
      file,
      catalogExport([teamRole('shared', { profile: 'sec-shared' }), teamRole('sec')]),
    );
    const second = await subscribe(deps, { name: 'security', kind: 'file', location: file });
    expect(second.plan!.added.map((r) => r.id)).toEqual(['sec']);
    expect(second.plan!.conflicts).toEqual([
      {
        id: 'shared',
        label: 'shared',
        reason: 'its id shared is taken by "shared" of subscription platform',
      },
    ]);
    expect(catalog.get('shared').subscription).toBe('platform');
    const views = await subscriptionViews(catalog, dir);
    expect(views.map((v) => [v.record.name, v.roles, v.status.conflicts])).toEqual([
      ['platform', 2, []],
      [
        'security',
        1,
        ['shared (shared): its id shared is taken by "shared" of subscription platform'],
      ],
    ]);
  });

  it('syncs 2,000 roles into the catalog in one write', async () => {
    const roles = Array.from({ length: 2000 }, (_, i) => teamRole(`role-${i}`));
    server.publish(catalogExport(roles));
    const outcome = await subscribe(deps, { name: 'big', kind: 'https', location: server.url });
    expect(outcome.plan!.added).toHaveLength(2000);
    expect(CatalogStore.open({ dir }).list()).toHaveLength(2000);
  });
});
