import { catalogDir } from '../catalog/catalog-paths';
import { CatalogStore, type CatalogBackingStoreFactory } from '../catalog/catalog-store';
import { systemClock } from '../refresh/clock';
import type { SessionManager } from '../session/session-manager';
import { SubscriptionDesk } from './subscription-desk';
import type { SyncOutcome } from './sync-subscription';

export interface OpenSubscriptionDeskOptions {
  readonly engine: Pick<SessionManager, 'snapshot' | 'catalogChanged' | 'mode'>;
  /** electron-store's Store in the Electron main process (same file as the engine's). */
  readonly createCatalogStore?: CatalogBackingStoreFactory;
  readonly env?: NodeJS.ProcessEnv;
  readonly onOutcome?: (outcome: SyncOutcome) => void;
}

/**
 * The subscription desk beside a running engine: its own catalog store on the
 * engine's file, the engine's live roles as "active", and the engine's catalog
 * path after every sync that wrote the catalog. Automatic syncs run only where
 * the engine refreshes (one process per user does them).
 */
export function openSubscriptionDesk(options: OpenSubscriptionDeskOptions): SubscriptionDesk {
  const env = options.env ?? process.env;
  const dir = catalogDir(env);
  const catalog = CatalogStore.open({
    dir,
    ...(options.createCatalogStore ? { createStore: options.createCatalogStore } : {}),
  });
  const clock = systemClock({ unref: true });
  const { engine } = options;
  return new SubscriptionDesk({
    deps: { catalog, configDir: dir, now: () => clock.now(), env },
    clock,
    activeRoleIds: () =>
      new Set(
        engine
          .snapshot()
          .roles.filter((view) => view.state !== 'inactive')
          .map((view) => view.role.id),
      ),
    catalogChanged: () => engine.catalogChanged(),
    automatic: engine.mode === 'refresher',
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  });
}
