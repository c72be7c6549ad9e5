import type {
  SubscriptionRecord,
  SubscriptionStatus,
  SubscriptionSyncSummary,
  SubscriptionView,
} from '../../shared/subscription-model';
import { copy, type Fields } from './snapshot-projection';

/**
 * Subscription views rebuilt field by field from allow-lists before they
 * cross to the renderer, as snapshots are. Each list is typed over the view's
 * keys, so a field added to shared/subscription-model.ts does not compile
 * until it is listed here.
 */
const RECORD_FIELDS = {
  name: 'plain',
  kind: 'plain',
  location: 'plain',
  ref: 'plain',
  path: 'plain',
  sha256: 'plain',
  everySeconds: 'plain',
} as const satisfies Fields<SubscriptionRecord>;

const REVIEW_FIELDS = {
  added: 'plain',
  changed: 'plain',
  removed: 'plain',
  activeRoles: 'strings',
} as const satisfies Fields<NonNullable<SubscriptionStatus['review']>>;

const STATUS_FIELDS = {
  checkedAt: 'plain',
  syncedAt: 'plain',
  digest: 'plain',
  error: 'plain',
  conflicts: 'strings',
  review: (value) => copy<NonNullable<SubscriptionStatus['review']>>(value, REVIEW_FIELDS),
} as const satisfies Fields<SubscriptionStatus>;

const VIEW_FIELDS = {
  record: (value) => copy<SubscriptionRecord>(value, RECORD_FIELDS),
  status: (value) => copy<SubscriptionStatus>(value, STATUS_FIELDS),
  roles: 'plain',
} as const satisfies Fields<SubscriptionView>;

const SUMMARY_FIELDS = {
  name: 'plain',
  result: 'plain',
  added: 'plain',
  changed: 'plain',
  removed: 'plain',
  heldBack: 'plain',
  activeRoles: 'strings',
  error: 'plain',
} as const satisfies Fields<SubscriptionSyncSummary>;

export function projectSubscriptions(views: readonly SubscriptionView[]): SubscriptionView[] {
  return views.map((view) => copy<SubscriptionView>(view, VIEW_FIELDS));
}

export function projectSyncSummary(summary: SubscriptionSyncSummary): SubscriptionSyncSummary {
  return copy<SubscriptionSyncSummary>(summary, SUMMARY_FIELDS);
}
