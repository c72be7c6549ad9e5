import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { systemClock } from '../../../electron/core/refresh/clock';
import { subscribe } from '../../../electron/core/subscriptions/manage-subscriptions';
import { SubscriptionKeeper } from '../../../electron/core/subscriptions/subscription-keeper';
import type { SyncOutcome } from '../../../electron/core/subscriptions/sync-subscription';
import { catalogExport, teamRole } from '../../support/catalog-server';

let dir: string;
let file: string;
let catalog: CatalogStore;
let keeper: SubscriptionKeeper | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-keeper-'));
  file = join(dir, 'team', 'platform.json');
  mkdirSync(join(dir, 'team'));
  writeFileSync(file, catalogExport([teamRole('ops'), teamRole('audit')]));
  catalog = CatalogStore.open({ dir: join(dir, 'config') });
});
afterEach(() => {
  keeper?.stop();
  keeper = undefined;
  catalog.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (): string[] => catalog.list().map((role) => role.id);

describe('the subscription keeper of a refresher process', () => {
  it('syncs a subscription when its --every is due, and waits for a yes before removing an active role', async () => {
    const clock = new FakeClock(1_000);
    const deps = { catalog, configDir: join(dir, 'config'), now: () => clock.now() };
    await subscribe(deps, { name: 'platform', kind: 'file', location: file, everySeconds: 3600 });
    const outcomes: SyncOutcome[] = [];
    let changes = 0;
    keeper = new SubscriptionKeeper({
      deps,
      clock,
      activeRoleIds: () => new Set(['ops']),
      catalogChanged: async () => {
        changes++;
      },
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    keeper.start();
    await keeper.settled();
    writeFileSync(file, catalogExport([teamRole('audit'), teamRole('billing')]));
    for (let minute = 1; minute < 60; minute++) {
      clock.advance(60_000);
      await keeper.settled();
    }
    expect(outcomes).toEqual([]);
    clock.advance(60_000);
    await keeper.settled();
    expect(outcomes.map((o) => o.result)).toEqual(['review']);
    expect(outcomes[0]!.activeAffected.map((r) => r.id)).toEqual(['ops']);
    expect(ids()).toEqual(['ops', 'audit']);
    expect(changes).toBe(0);

    const agreed = await keeper.syncNow('platform', true);
    expect(agreed.result).toBe('applied');
    expect(ids()).toEqual(['audit', 'billing']);
    expect(changes).toBe(1);
  });

  it('syncs a file subscription when the file changes', async () => {
    const clock = systemClock();
    const deps = { catalog, configDir: join(dir, 'config'), now: () => clock.now() };
    await subscribe(deps, { name: 'platform', kind: 'file', location: file });
    const applied = new Promise<SyncOutcome>((resolve) => {
      keeper = new SubscriptionKeeper({
        deps,
        clock,
        activeRoleIds: () => new Set(),
        catalogChanged: async () => undefined,
        onOutcome: (outcome) => {
          if (outcome.catalogChanged) resolve(outcome);
        },
        watchFiles: true,
      });
    });
    keeper!.start();
    // The keeper has read the list and watches the folder before the change.
    await keeper!.settled();
    writeFileSync(`${file}.tmp`, catalogExport([teamRole('ops')]));
    renameSync(`${file}.tmp`, file);
    const outcome = await applied;
    expect(outcome.plan!.removed.map((r) => r.id)).toEqual(['audit']);
    expect(ids()).toEqual(['ops']);
  });
});
