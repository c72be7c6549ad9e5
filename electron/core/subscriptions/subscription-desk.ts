import type {
  SubscriptionAddRequest,
  SubscriptionSyncSummary,
  SubscriptionView,
} from '../../../shared/subscription-model';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Clock } from '../refresh/clock';
import { subscribe, subscriptionViews } from './manage-subscriptions';
import { SubscriptionKeeper } from './subscription-keeper';
import { recordFromRequest, syncSummary } from './subscription-request';
import type { SubscriptionDeps, SyncOutcome } from './sync-subscription';

export interface SubscriptionDeskOptions {
  readonly deps: SubscriptionDeps & {
    readonly catalog: Pick<CatalogStore, 'subscriptions' | 'rewrite' | 'list'>;
  };
  readonly clock: Clock;
  readonly activeRoleIds: () => ReadonlySet<string>;
  readonly catalogChanged: () => Promise<void>;
  /** Syncs on their own (--every, file changes): only in the process that refreshes. */
  readonly automatic: boolean;
  /** Each outcome, for a log line. */
  readonly onOutcome?: (outcome: SyncOutcome) => void;
}

/**
 * Team catalog subscriptions as the tray drives them (Electron-free): the
 * list with each one's last sync and error, adding one, "sync now" (with the
 * user's yes for changes to active roles), and the views pushed after every
 * sync, automatic or asked for, so the popup's banner shows a change waiting
 * for review.
 */
export class SubscriptionDesk {
  readonly #options: SubscriptionDeskOptions;
  readonly #keeper: SubscriptionKeeper;
  readonly #listeners = new Set<(views: readonly SubscriptionView[]) => void>();

  constructor(options: SubscriptionDeskOptions) {
    this.#options = options;
    this.#keeper = new SubscriptionKeeper({
      deps: options.deps,
      clock: options.clock,
      activeRoleIds: options.activeRoleIds,
      catalogChanged: options.catalogChanged,
      watchFiles: options.automatic,
      onOutcome: (outcome) => {
        options.onOutcome?.(outcome);
        void this.#publish();
      },
    });
    if (options.automatic) this.#keeper.start();
  }

  list(): Promise<SubscriptionView[]> {
    return subscriptionViews(this.#options.deps.catalog, this.#options.deps.configDir);
  }

  async add(request: SubscriptionAddRequest): Promise<SubscriptionSyncSummary> {
    const outcome = await subscribe(this.#options.deps, recordFromRequest(request));
    if (outcome.catalogChanged) await this.#options.catalogChanged();
    void this.#publish();
    return syncSummary(outcome);
  }

  async sync(name: string, yes: boolean): Promise<SubscriptionSyncSummary> {
    return syncSummary(await this.#keeper.syncNow(name, yes));
  }

  onChange(listener: (views: readonly SubscriptionView[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    this.#keeper.stop();
    this.#listeners.clear();
  }

  async #publish(): Promise<void> {
    if (this.#listeners.size === 0) return;
    const views = await this.list().catch(() => undefined);
    if (views) for (const listener of this.#listeners) listener(views);
  }
}
