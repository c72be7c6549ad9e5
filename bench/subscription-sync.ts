/**
 * Team catalog subscriptions: a 2,000-role `switchyard-catalog` export served
 * over loopback http, synced into a real catalog file: the first sync (every
 * role added), a sync after upstream changed every role (each merged with the
 * user's touches, all updated), and one the server answers 304 to (ETag). Each
 * time covers the whole sync: fetch, checks, plan, one catalog write, status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogStore } from '../electron/core/catalog/catalog-store';
import { subscribe } from '../electron/core/subscriptions/manage-subscriptions';
import { syncSubscription } from '../electron/core/subscriptions/sync-subscription';

export interface SubscriptionBenchResult {
  roles: number;
  fileBytes: number;
  firstMs: number[];
  changedMs: number[];
  unchangedMs: number[];
}

function exportOf(roles: number, durationSeconds: number): string {
  const list = [];
  for (let i = 0; i < roles; i++) {
    const account = String(100_000_000_000 + i * 7919).padStart(12, '0');
    list.push({
      id: `team-${i}`,
      label: `Team role ${i}`,
      roleArn: `arn:aws:iam::${account}:role/Admin`,
      profile: `team-${i}`,
      source: { kind: 'profile', profile: 'login' },
      durationSeconds,
      tags: ['team'],
    });
  }
  return JSON.stringify({ format: 'switchyard-catalog', version: 1, roles: list });
}

export async function benchSubscription(
  roles: number,
  runs: number,
): Promise<SubscriptionBenchResult> {
  let body = exportOf(roles, 3600);
  let etag = '"1"';
  const server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
    else res.writeHead(200, { etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.json`;
  const result: SubscriptionBenchResult = {
    roles,
    fileBytes: Buffer.byteLength(body),
    firstMs: [],
    changedMs: [],
    unchangedMs: [],
  };
  const none = { activeRoleIds: new Set<string>() };
  try {
    for (let run = 0; run < runs; run++) {
      body = exportOf(roles, 3600);
      etag = `"${run}-a"`;
      const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-subs-'));
      try {
        const catalog = CatalogStore.open({ dir });
        const deps = { catalog, configDir: dir, now: () => Date.now() };
        let start = performance.now();
        await subscribe(deps, { name: 'platform', kind: 'https', location: url });
        result.firstMs.push(performance.now() - start);
        // The user relabels a tenth of the roles: those labels must survive the next sync.
        catalog.rewrite((doc) => ({
          roles: doc.roles.map((r, i) => (i % 10 === 0 ? { ...r, label: `Mine ${i}` } : r)),
          result: undefined,
        }));
        body = exportOf(roles, 7200);
        etag = `"${run}-b"`;
        start = performance.now();
        const changed = await syncSubscription(deps, 'platform', none);
        result.changedMs.push(performance.now() - start);
        if (changed.plan?.changed.length !== roles) throw new Error('not every role changed');
        start = performance.now();
        await syncSubscription(deps, 'platform', none);
        result.unchangedMs.push(performance.now() - start);
        catalog.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
  }
  return result;
}
