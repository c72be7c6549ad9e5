import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import type {
  SubscriptionRecord,
  SubscriptionStatus,
  SubscriptionView,
} from '../../../shared/subscription-model';
import { checkSubscriptionRecord } from '../catalog/check-subscription';
import type { CatalogStore } from '../catalog/catalog-store';
import { releaseSubscriptionNames } from '../catalog/subscription-account-names';
import { SubscriptionFiles, type StoredStatus } from './subscription-files';
import {
  findSubscription,
  syncSubscription,
  type SubscriptionDeps,
  type SyncOutcome,
} from './sync-subscription';

type Catalog = Pick<CatalogStore, 'subscriptions' | 'rewrite' | 'list'>;

/**
 * Adds a subscription and brings its roles in. The record and the first sync
 * are one decision: when the first fetch or check fails, the record is taken
 * out again and the error is thrown (one line), so no subscription is left
 * that never worked.
 */
export async function subscribe(
  deps: SubscriptionDeps & { readonly catalog: Catalog },
  input: unknown,
): Promise<SyncOutcome> {
  const record = checkSubscriptionRecord(input);
  deps.catalog.rewrite((doc) => {
    const existing = doc.subscriptions ?? [];
    if (existing.some((r) => r.name === record.name)) {
      throw new InputError(
        'name',
        `a subscription named ${record.name} exists already; choose another --name, or sync it`,
      );
    }
    return { subscriptions: [...existing, record], result: undefined };
  });
  const outcome = await syncSubscription(deps, record.name, { activeRoleIds: new Set() });
  if (outcome.result === 'failed') {
    deps.catalog.rewrite((doc) => ({
      subscriptions: (doc.subscriptions ?? []).filter((r) => r.name !== record.name),
      result: undefined,
    }));
    await new SubscriptionFiles(deps.configDir, record.name).removeAll();
    throw new InputError('subscription', `${record.name}: ${outcome.error ?? 'sync failed'}`);
  }
  return outcome;
}

export interface UnsubscribeOptions {
  /** Keep its roles as local roles instead of removing them. */
  readonly keepRoles?: boolean;
  readonly yes?: boolean;
  readonly activeRoleIds: ReadonlySet<string>;
}

export interface UnsubscribeOutcome {
  readonly record: SubscriptionRecord;
  readonly removed: readonly RoleEntry[];
  readonly keptAsLocal: readonly RoleEntry[];
  /** Active roles that stopped it (without yes) or that it removed (with yes). */
  readonly activeAffected: readonly RoleEntry[];
  readonly done: boolean;
}

/**
 * Removes a subscription: its roles and the account aliases it gave go too
 * (or, with keepRoles, stay as local roles and the user's aliases), in one
 * checked write, then its files. Removing active roles waits
 * for yes, as a sync does; a local role chained from one of its roles stops
 * it with the fix named.
 */
export async function unsubscribe(
  deps: SubscriptionDeps & { readonly catalog: Catalog },
  name: string,
  options: UnsubscribeOptions,
): Promise<UnsubscribeOutcome> {
  const record = findSubscription(deps.catalog, name);
  const outcome = deps.catalog.rewrite<UnsubscribeOutcome>((doc) => {
    const owned = doc.roles.filter((role) => role.subscription === name);
    const subscriptions = (doc.subscriptions ?? []).filter((r) => r.name !== name);
    const names = releaseSubscriptionNames(doc.accounts ?? {}, name, options.keepRoles === true);
    const accounts = names ? { accounts: names } : {};
    if (options.keepRoles) {
      const roles = doc.roles.map((role) => {
        if (role.subscription !== name) return role;
        const local: { -readonly [K in keyof RoleEntry]?: RoleEntry[K] } = { ...role };
        delete local.subscription;
        return local as RoleEntry;
      });
      const kept = roles.filter((_role, i) => doc.roles[i]?.subscription === name);
      return {
        roles,
        subscriptions,
        ...accounts,
        result: { record, removed: [], keptAsLocal: kept, activeAffected: [], done: true },
      };
    }
    const ids = new Set(owned.map((role) => role.id));
    const chained = doc.roles.find(
      (role) => !ids.has(role.id) && role.source.kind === 'role' && ids.has(role.source.roleId),
    );
    if (chained) {
      throw new InputError(
        'subscription',
        `${quoteValue(chained.label)} chains from a role of ${name}; give it another source first, or use --keep-roles`,
      );
    }
    const active = owned.filter((role) => options.activeRoleIds.has(role.id));
    const base = { record, removed: owned, keptAsLocal: [], activeAffected: active };
    if (active.length > 0 && !options.yes) return { result: { ...base, done: false } };
    return {
      roles: doc.roles.filter((role) => !ids.has(role.id)),
      subscriptions,
      ...accounts,
      result: { ...base, done: true },
    };
  });
  if (outcome.done) await new SubscriptionFiles(deps.configDir, name).removeAll();
  return outcome;
}

/** The status without what only the next fetch needs (ETag, fetched commit). */
function shownStatus(stored: StoredStatus): SubscriptionStatus {
  const status: { -readonly [K in keyof StoredStatus]?: StoredStatus[K] } = { ...stored };
  delete status.etag;
  delete status.fetchedCommit;
  return status as SubscriptionStatus;
}

/** Every subscription with its status and how many roles it brings. */
export async function subscriptionViews(
  catalog: Pick<CatalogStore, 'subscriptions' | 'list'>,
  configDir: string,
): Promise<SubscriptionView[]> {
  const roles = catalog.list();
  return Promise.all(
    catalog.subscriptions().map(async (record) => {
      const stored = await new SubscriptionFiles(configDir, record.name).status();
      return {
        record,
        status: shownStatus(stored),
        roles: roles.filter((role) => role.subscription === record.name).length,
      };
    }),
  );
}
