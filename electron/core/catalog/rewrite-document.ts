import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import type { SubscriptionRecord } from '../../../shared/subscription-model';
import type { AccountNames } from '../../../shared/account-name';
import type { CatalogDocument } from './catalog-document';
import { checkAccountNames, checkAccountSubscriptions } from './check-accounts';
import { checkCatalogDocument } from './check-catalog-document';
import { checkRoleEntry } from './check-role';
import { RoleGraph } from './role-graph';

export interface DocumentRewrite {
  readonly roles?: readonly RoleEntry[];
  readonly subscriptions?: readonly SubscriptionRecord[];
  /** The account names (a subscription sync fills them, an unsubscribe releases them). */
  readonly accounts?: AccountNames;
}

/**
 * `doc` with new roles, subscriptions and/or account names, checked as a file
 * read would be: the records, each role's and alias's subscription known, ids
 * and profiles unique, every new or changed role's fields and placement, and
 * every chained role's source still there. Roles passed on unchanged (the same objects as in `doc`) were
 * checked when the file was read and are not checked field by field again: a
 * 2,000-role sync changes a few. A default role that is gone is dropped.
 * Throws InputError, naming the role.
 */
export function rewriteDocument(doc: CatalogDocument, next: DocumentRewrite): CatalogDocument {
  const roles = next.roles ?? doc.roles;
  const subscriptions = next.subscriptions ?? doc.subscriptions ?? [];
  const keepDefault =
    doc.defaultRoleId !== undefined && roles.some((role) => role.id === doc.defaultRoleId);
  // The document-level rules (records, marks) on a document whose roles are all "unchanged".
  const { settings } = checkCatalogDocument({
    version: doc.version,
    roles: [],
    settings: doc.settings,
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
  });
  const names = new Set(subscriptions.map((record) => record.name));
  const accounts = checkAccountNames(next.accounts ?? doc.accounts);
  checkAccountSubscriptions(accounts, names);
  const known = new Set(doc.roles);
  const checked = roles.map((role) => {
    const entry = known.has(role) ? role : inRole(role, () => checkRoleEntry(role));
    if (entry.subscription !== undefined && !names.has(entry.subscription)) {
      throw inputError(
        'subscription',
        `${quoteValue(entry.label)} names subscription ${quoteValue(entry.subscription)}, which the catalog does not have`,
        'subscribe again, or remove the mark',
      );
    }
    return entry;
  });
  const earlier = new RoleGraph([]);
  for (const role of checked) {
    inRole(role, () => earlier.checkUnique(role));
    earlier.add(role);
  }
  const graph = new RoleGraph(checked);
  for (const role of checked) {
    if (known.has(role) && role.source.kind !== 'role') continue;
    inRole(role, () => graph.checkPlacement(role, role.id));
  }
  return {
    version: doc.version,
    roles: checked,
    settings,
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
    ...(keepDefault ? { defaultRoleId: doc.defaultRoleId } : {}),
    ...(accounts !== undefined ? { accounts } : {}),
  };
}

function inRole<T>(role: { readonly label?: unknown }, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const label = typeof role.label === 'string' ? `${quoteValue(role.label)}: ` : '';
    throw new InputError(
      error.field,
      `${error.field}: ${label}${error.message.replace(`${error.field}: `, '')}`,
    );
  }
}
