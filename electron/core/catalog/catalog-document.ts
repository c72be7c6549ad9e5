import type { AccountNames } from '../../../shared/account-name';
import type { RoleEntry, Settings } from '../../../shared/model';
import type { SubscriptionRecord } from '../../../shared/subscription-model';

/** What the catalog holds, as the rest of the engine sees it. */
export interface CatalogData {
  readonly roles: readonly RoleEntry[];
  readonly settings: Settings;
  /** The role `switchyard` uses when none is named; always an id in `roles`. */
  readonly defaultRoleId?: string;
  /** Team catalog subscriptions, in the order they were added (absent: none). */
  readonly subscriptions?: readonly SubscriptionRecord[];
  /** Account id → alias and colour (absent: none named). */
  readonly accounts?: AccountNames;
}

/** catalog.json on disk: the data plus the document version migrations key on. */
export interface CatalogDocument extends CatalogData {
  readonly version: number;
}
