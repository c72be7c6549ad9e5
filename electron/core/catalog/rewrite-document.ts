import type { RoleEntry } from '../../../shared/model';
import type { SubscriptionRecord } from '../../../shared/subscription-model';
import type { CatalogDocument } from './catalog-document';
import { checkCatalogDocument } from './check-catalog-document';

export interface DocumentRewrite {
  readonly roles?: readonly RoleEntry[];
  readonly subscriptions?: readonly SubscriptionRecord[];
}

/**
 * `doc` with new roles and/or subscriptions, checked whole as a file read
 * would be (every role, the graph, every record, each role's subscription
 * known); a default role that is gone is dropped. Throws InputError.
 */
export function rewriteDocument(doc: CatalogDocument, next: DocumentRewrite): CatalogDocument {
  const roles = next.roles ?? doc.roles;
  const subscriptions = next.subscriptions ?? doc.subscriptions ?? [];
  const keepDefault =
    doc.defaultRoleId !== undefined && roles.some((role) => role.id === doc.defaultRoleId);
  return checkCatalogDocument({
    version: doc.version,
    roles,
    settings: doc.settings,
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
    ...(keepDefault ? { defaultRoleId: doc.defaultRoleId } : {}),
  });
}
