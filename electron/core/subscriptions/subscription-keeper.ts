import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SubscriptionRecord } from '../../../shared/subscription-model';
import type { Clock, TimerHandle } from '../refresh/clock';
import { SubscriptionFiles } from './subscription-files';
import { syncSubscription, type SubscriptionDeps, type SyncOutcome } from './sync-subscription';

/** However long --every is, the subscription list is looked at again this often (new ones, removed ones). */
const RECHECK_MS = 60_000;
/** A watched file is read this long after its last change event (editors write in bursts). */
const FILE_SETTLE_MS = 500;

export interface KeeperOptions {
  readonly deps: SubscriptionDeps;
  readonly clock: Clock;
  /** Roles with a live session now (the engine's snapshot). */
  readonly activeRoleIds: () => ReadonlySet<string>;
  /** The engine's catalog path, after a sync wrote the catalog. */
  readonly catalogChanged: () => Promise<void>;
  /** Every outcome, automatic or asked for (the tray's banner, the daemon's log). */
  readonly onOutcome: (outcome: SyncOutcome) => void;
  /** Watch file subscriptions for changes (off in tests that drive syncs by hand). */
  readonly watchFiles?: boolean;
}

/**
 * Runs subscription syncs in a refresher process (the tray app, the daemon):
 * each subscription with `everySeconds` when it is due (from its last check,
 * so a restart does not fetch everything at once), a file subscription also
 * when its file changes, and `syncNow` when the user asks. One sync at a
 * time, so two never plan against the same catalog read. A change that
 * removes or changes an active role is never applied here without the
 * user's yes (`syncNow(name, true)`): the outcome says "review".
 */
export class SubscriptionKeeper {
  readonly #options: KeeperOptions;
  #timer: TimerHandle | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #planning: Promise<void> = Promise.resolve();
  #stopped = false;
  readonly #watchers = new Map<string, { location: string; watcher: FSWatcher }>();
  readonly #settle = new Map<string, TimerHandle>();

  constructor(options: KeeperOptions) {
    this.#options = options;
  }

  start(): void {
    this.#wake();
  }

  /** Resolves once the keeper has done what is due now and set its next timer (for tests). */
  async settled(): Promise<void> {
    await this.#planning;
    await this.#queue;
  }

  #wake(): void {
    this.#planning = this.#plan().catch(() => undefined);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.#options.clock.clearTimeout(this.#timer);
    for (const handle of this.#settle.values()) this.#options.clock.clearTimeout(handle);
    for (const { watcher } of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }

  /** Syncs one subscription now (queued behind any sync running). */
  syncNow(name: string, yes = false): Promise<SyncOutcome> {
    const run = this.#queue.then(() => this.#sync(name, yes));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #sync(name: string, yes: boolean): Promise<SyncOutcome> {
    const { deps, activeRoleIds, catalogChanged, onOutcome } = this.#options;
    const outcome = await syncSubscription(deps, name, { activeRoleIds: activeRoleIds(), yes });
    if (outcome.catalogChanged) await catalogChanged();
    onOutcome(outcome);
    return outcome;
  }

  /** Syncs what is due, then sleeps until the next one is (at most RECHECK_MS). */
  async #plan(): Promise<void> {
    if (this.#stopped) return;
    const { deps, clock } = this.#options;
    let wake = RECHECK_MS;
    let records: readonly SubscriptionRecord[] = [];
    try {
      records = deps.catalog.subscriptions();
    } catch {
      // A broken catalog is told by the engine; try again later.
    }
    this.#follow(records);
    for (const record of records) {
      if (record.everySeconds === undefined) continue;
      const status = await new SubscriptionFiles(deps.configDir, record.name).status();
      const due = (status.checkedAt ?? 0) + record.everySeconds * 1000;
      const wait = due - clock.now();
      if (wait <= 0) {
        await this.syncNow(record.name).catch(() => undefined);
        wake = Math.min(wake, record.everySeconds * 1000);
      } else wake = Math.min(wake, wait);
    }
    if (this.#stopped) return;
    this.#timer = clock.setTimeout(() => this.#wake(), wake);
  }

  /** Watches the folder of each file subscription (a file replaced by rename is still seen). */
  #follow(records: readonly SubscriptionRecord[]): void {
    if (!this.#options.watchFiles) return;
    const files = new Map(records.filter((r) => r.kind === 'file').map((r) => [r.name, r]));
    for (const [name, { location, watcher }] of this.#watchers) {
      if (files.get(name)?.location === location) continue;
      watcher.close();
      this.#watchers.delete(name);
    }
    for (const [name, record] of files) {
      if (this.#watchers.has(name)) continue;
      try {
        const file = basename(record.location);
        const watcher = watch(dirname(record.location), (_event, changed) => {
          if (changed === null || changed === file) this.#changed(name);
        });
        watcher.on('error', () => watcher.close());
        this.#watchers.set(name, { location: record.location, watcher });
      } catch {
        // A folder that is not there (yet): the timer still syncs it.
      }
    }
  }

  #changed(name: string): void {
    const { clock } = this.#options;
    const pending = this.#settle.get(name);
    if (pending) clock.clearTimeout(pending);
    this.#settle.set(
      name,
      clock.setTimeout(() => {
        this.#settle.delete(name);
        if (!this.#stopped) void this.syncNow(name).catch(() => undefined);
      }, FILE_SETTLE_MS),
    );
  }
}
