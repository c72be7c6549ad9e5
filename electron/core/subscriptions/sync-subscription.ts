import { isDeepStrictEqual } from 'node:util';
import type { AccountNames } from '../../../shared/account-name';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import type { SubscriptionRecord } from '../../../shared/subscription-model';
import type { CatalogStore } from '../catalog/catalog-store';
import { fillSubscribedAccountNames } from '../catalog/subscription-account-names';
import { fetchSubscription } from './fetch-subscription';
import { DEFAULT_FETCH_LIMITS, SubscriptionFetchError, type FetchLimits } from './fetch-types';
import { planSubscriptionSync, type SubscriptionSyncPlan } from './plan-subscription-sync';
import { readSubscriptionContent, readSubscriptionFile } from './read-subscription-content';
import { activeRolesAffected, changeCounts } from './review-changes';
import { sha256Hex, SubscriptionFiles, type StoredStatus } from './subscription-files';

export interface SubscriptionDeps {
  readonly catalog: Pick<CatalogStore, 'subscriptions' | 'rewrite'>;
  /** Switchyard's config folder (catalog.json's). */
  readonly configDir: string;
  readonly now: () => number;
  readonly limits?: FetchLimits;
  readonly env?: NodeJS.ProcessEnv;
}

export interface SyncOptions {
  readonly dryRun?: boolean;
  /** The user agreed to changes that remove or change active roles. */
  readonly yes?: boolean;
  /** The roles with a live session now (the engine's snapshot). */
  readonly activeRoleIds: ReadonlySet<string>;
}

export type SyncResult =
  /** The catalog now has the subscription's roles as fetched (maybe nothing changed). */
  | 'applied'
  /** Planned only (--dry-run). */
  | 'dry-run'
  /** Fetched and valid, but it removes or changes active roles: kept as pending until the user agrees. */
  | 'review'
  /** Fetch, pin or validation failed: the last good copy stays in use. */
  | 'failed';

export interface SyncOutcome {
  readonly name: string;
  readonly result: SyncResult;
  readonly plan?: SubscriptionSyncPlan;
  /** Active roles the changes touch (result "review", or agreed to with yes). */
  readonly activeAffected: readonly RoleEntry[];
  /** One line (result "failed"). */
  readonly error?: string;
  /** SHA-256 of the fetched file, or for git the commit. */
  readonly digest?: string;
  /** The catalog was written: the engine must follow the change (catalogChanged). */
  readonly catalogChanged: boolean;
  /** Accounts whose alias or colour the file changes (or would: dry run, review). */
  readonly accountsNamed?: number;
}

export function findSubscription(
  catalog: Pick<CatalogStore, 'subscriptions'>,
  name: string,
): SubscriptionRecord {
  const record = catalog.subscriptions().find((r) => r.name === name);
  if (!record) {
    throw new InputError(
      'subscription',
      `no subscription named ${JSON.stringify(name)}; see \`switchyard catalog subscriptions\``,
    );
  }
  return record;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Fetches the file (or reuses the copy at hand when the source says unchanged). */
async function fetchBytes(
  deps: SubscriptionDeps,
  record: SubscriptionRecord,
  files: SubscriptionFiles,
  status: StoredStatus,
): Promise<{ bytes: Buffer; etag?: string; commit?: string }> {
  const atHand = (await files.pending()) ?? (await files.applied());
  const previous = atHand
    ? {
        ...(status.etag !== undefined ? { etag: status.etag } : {}),
        ...(status.fetchedCommit !== undefined ? { commit: status.fetchedCommit } : {}),
      }
    : {};
  const request = {
    record,
    dataDir: files.dir,
    previous,
    limits: deps.limits ?? DEFAULT_FETCH_LIMITS,
  };
  const result = await fetchSubscription(request, deps.env);
  if (result.kind === 'fetched') {
    return {
      bytes: result.bytes,
      ...(result.etag !== undefined ? { etag: result.etag } : {}),
      ...(result.commit !== undefined ? { commit: result.commit } : {}),
    };
  }
  if (!atHand) throw new SubscriptionFetchError('the source said unchanged, but no copy is kept');
  return { bytes: atHand, ...previous };
}

/** The pinned digest, when the content is not it: both digests in one line. */
function checkPin(record: SubscriptionRecord, digest: string): void {
  if (record.sha256 === undefined || record.sha256 === digest) return;
  const what = record.kind === 'git' ? 'commit' : 'SHA-256';
  throw new SubscriptionFetchError(
    `the content changed: pinned ${what} ${record.sha256}, fetched ${digest}; check the change with its publisher, then subscribe again with --sha256 ${digest}`,
  );
}

function baseRoles(bytes: Buffer | undefined): RoleEntry[] | undefined {
  if (!bytes) return undefined;
  try {
    return readSubscriptionContent(bytes);
  } catch {
    return undefined;
  }
}

/**
 * One sync of one subscription: fetch (ETag / ls-remote: an unchanged source
 * is not fetched again), the pin, the whole file checked, then the plan made
 * and written against the catalog as it is at that moment (one checked write).
 * Changes that remove or change an active role are not applied without `yes`:
 * the valid copy is kept as pending and the status says "review". A failure
 * at any step leaves the catalog and the last good copy as they were and
 * records the error (one line) in the status.
 */
export async function syncSubscription(
  deps: SubscriptionDeps,
  name: string,
  options: SyncOptions,
): Promise<SyncOutcome> {
  const record = findSubscription(deps.catalog, name);
  const files = new SubscriptionFiles(deps.configDir, name);
  const status = await files.status();
  const checkedAt = deps.now();
  let fetched: { bytes: Buffer; etag?: string; commit?: string };
  let digest: string;
  let upstream: RoleEntry[];
  let upstreamNames: AccountNames;
  let base: RoleEntry[] | undefined;
  try {
    fetched = await fetchBytes(deps, record, files, status);
    digest = record.kind === 'git' && fetched.commit ? fetched.commit : sha256Hex(fetched.bytes);
    checkPin(record, digest);
    ({ roles: upstream, accounts: upstreamNames } = readSubscriptionFile(fetched.bytes));
    const applied = await files.applied();
    base = applied?.equals(fetched.bytes) ? upstream : baseRoles(applied);
  } catch (error) {
    if (!(error instanceof SubscriptionFetchError) && !(error instanceof InputError)) throw error;
    const message = oneLine(error);
    if (!options.dryRun) await files.writeStatus({ ...status, checkedAt, error: message });
    return { name, result: 'failed', error: message, activeAffected: [], catalogChanged: false };
  }
  type Planned = {
    plan: SubscriptionSyncPlan;
    affected: RoleEntry[];
    written: boolean;
    named: number;
  };
  let planned: Planned;
  try {
    planned = deps.catalog.rewrite<Planned>((doc) => {
      const plan = planSubscriptionSync({ name, roles: doc.roles, upstream, base });
      const affected = activeRolesAffected(plan, options.activeRoleIds);
      const changes = plan.added.length + plan.changed.length + plan.removed.length;
      const accounts = fillSubscribedAccountNames(doc.accounts ?? {}, upstreamNames, name);
      const named = accounts ? countChanged(doc.accounts ?? {}, accounts) : 0;
      const result = { plan, affected, named };
      if (options.dryRun || (changes === 0 && !accounts) || (affected.length > 0 && !options.yes)) {
        return { result: { ...result, written: false } };
      }
      return {
        ...(changes > 0 ? { roles: plan.roles } : {}),
        ...(accounts ? { accounts } : {}),
        result: { ...result, written: true },
      };
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const message = oneLine(error);
    if (!options.dryRun) await files.writeStatus({ ...status, checkedAt, error: message });
    return { name, result: 'failed', error: message, activeAffected: [], catalogChanged: false };
  }
  const { plan, affected, written, named } = planned;
  const common = {
    name,
    plan,
    digest,
    activeAffected: affected,
    catalogChanged: written,
    ...(named > 0 ? { accountsNamed: named } : {}),
  };
  if (options.dryRun) return { ...common, result: 'dry-run' };
  const remember = {
    ...(fetched.etag !== undefined ? { etag: fetched.etag } : {}),
    ...(fetched.commit !== undefined ? { fetchedCommit: fetched.commit } : {}),
  };
  const conflicts = [...plan.conflicts, ...plan.kept].map(
    (c) => `${c.label} (${c.id}): ${c.reason}`,
  );
  if (affected.length > 0 && !options.yes) {
    await files.writePending(fetched.bytes);
    await files.writeStatus({
      ...withoutError(status),
      ...remember,
      checkedAt,
      conflicts,
      review: { ...changeCounts(plan), activeRoles: affected.map((role) => role.label) },
    });
    return { ...common, result: 'review' };
  }
  await files.writeApplied(fetched.bytes);
  await files.writeStatus({ ...remember, checkedAt, syncedAt: checkedAt, digest, conflicts });
  return { ...common, result: 'applied' };
}

/** How many accounts' entries differ between two sets of names. */
function countChanged(before: AccountNames, after: AccountNames): number {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids].filter((id) => !isDeepStrictEqual(before[id], after[id])).length;
}

function withoutError(status: StoredStatus): StoredStatus {
  const rest: { -readonly [K in keyof StoredStatus]?: StoredStatus[K] } = { ...status };
  delete rest.error;
  delete rest.review;
  return rest as StoredStatus;
}
