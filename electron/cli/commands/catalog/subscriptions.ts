import { catalogDir } from '../../../core/catalog/catalog-paths';
import { subscriptionViews } from '../../../core/subscriptions/manage-subscriptions';
import { describeCounts } from '../../../core/subscriptions/review-changes';
import type { SubscriptionView } from '../../../../shared/subscription-model';
import { expectPositionals, parseCommandArgs } from '../../args';
import { catalogFileExists } from '../../../core/catalog/catalog-exists';
import { catalogPath, withCatalog } from '../roles/catalog-access';
import { formatTable } from '../roles/text-table';
import { writeJson, writeLines } from '../roles/write-output';

function when(ms: number | undefined): string {
  return ms === undefined ? 'never' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function state(view: SubscriptionView): string {
  const { status } = view;
  if (status.error !== undefined) return `error: ${status.error}`;
  if (status.review) return `review: ${describeCounts(status.review)}`;
  if (status.conflicts.length > 0) return `${status.conflicts.length} held back`;
  return 'ok';
}

/** `switchyard catalog subscriptions [--json]`: each subscription, its last sync and problems. */
export async function catalogSubscriptionsCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs('catalog subscriptions', argv, {
    json: { type: 'boolean' },
  });
  expectPositionals('catalog subscriptions', positionals, []);
  // With no catalog file yet there are none, and none is created.
  const views = catalogFileExists(catalogPath())
    ? await withCatalog((catalog) => subscriptionViews(catalog, catalogDir(process.env)))
    : [];
  if (values.json === true) {
    writeJson(views);
    return;
  }
  if (views.length === 0) {
    writeLines('no subscriptions; add one with `switchyard catalog subscribe <source>`');
    return;
  }
  const rows = [
    ['NAME', 'KIND', 'ROLES', 'LAST SYNC', 'STATE', 'SOURCE'],
    ...views.map((view) => [
      view.record.name,
      view.record.kind,
      String(view.roles),
      when(view.status.syncedAt),
      state(view),
      view.record.location,
    ]),
  ];
  process.stdout.write(formatTable(rows));
  for (const view of views) {
    for (const conflict of view.status.conflicts)
      writeLines(`${view.record.name}: held back ${conflict}`);
  }
}
