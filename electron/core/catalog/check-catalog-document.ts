import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import type { CatalogDocument } from './catalog-document';
import { CATALOG_VERSION } from './catalog-schema';
import { checkAccountNames, checkAccountSubscriptions } from './check-accounts';
import { checkRoleEntry, checkRoleId } from './check-role';
import { checkSettings } from './check-settings';
import { RoleGraph } from './role-graph';
import { checkSubscriptionRecord } from './check-subscription';
import type { SubscriptionRecord } from '../../../shared/subscription-model';

/** The `subscriptions` list, each record checked, names unique; undefined (and left out) when empty. */
function checkSubscriptions(value: unknown): SubscriptionRecord[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw inputError('subscriptions', 'must be a list', 'use [] for no subscriptions');
  }
  const seen = new Set<string>();
  const records = value.map((raw: unknown, index) => {
    try {
      const record = checkSubscriptionRecord(raw);
      if (seen.has(record.name)) {
        throw inputError('name', `${quoteValue(record.name)} appears twice`, 'keep one of them');
      }
      seen.add(record.name);
      return record;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(`subscriptions[${index}]`, `subscriptions[${index}]: ${error.message}`);
    }
  });
  return records.length > 0 ? records : undefined;
}

const TOP_LEVEL_KEYS = new Set([
  'version',
  'roles',
  'settings',
  'defaultRoleId',
  'subscriptions',
  'accounts',
  '__internal__',
]);

function where(index: number, raw: unknown): string {
  const label = (raw as { label?: unknown } | null)?.label;
  return typeof label === 'string' ? `roles[${index}] (${quoteValue(label)})` : `roles[${index}]`;
}

/** Re-throws an InputError from inside one role with the role's place in the file in front. */
function inRole<T>(index: number, raw: unknown, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`roles[${index}]`, `${where(index, raw)}: ${error.message}`);
  }
}

/**
 * Checks a whole catalog document of the current version, every field of
 * every role and the catalog-wide rules, and returns it normalized. Missing
 * `roles` and settings are filled in. Throws an InputError whose message says
 * where in the file the problem is.
 */
export function checkCatalogDocument(value: Record<string, unknown>): CatalogDocument {
  const unknown = Object.keys(value).find((key) => !TOP_LEVEL_KEYS.has(key));
  if (unknown !== undefined) {
    throw inputError(
      'catalog',
      `has an unknown top-level key ${quoteValue(unknown)}`,
      'remove it or check its spelling',
    );
  }
  if (value.version !== CATALOG_VERSION) {
    throw inputError(
      'version',
      `is ${String(value.version)}`,
      `this Switchyard reads version ${CATALOG_VERSION}`,
    );
  }
  const subscriptions = checkSubscriptions(value.subscriptions);
  const accounts = checkAccountNames(value.accounts);
  const rawRoles = value.roles ?? [];
  if (!Array.isArray(rawRoles)) throw inputError('roles', 'must be a list', 'use [] for no roles');
  const roles: RoleEntry[] = rawRoles.map((raw: unknown, index) =>
    inRole(index, raw, () => checkRoleEntry(raw)),
  );
  const names = new Set(subscriptions?.map((record) => record.name));
  checkAccountSubscriptions(accounts, names);
  roles.forEach((role, index) => {
    const name = role.subscription;
    if (name !== undefined && !names.has(name)) {
      inRole(index, role, () => {
        throw inputError(
          'subscription',
          `${quoteValue(name)} is not in "subscriptions"`,
          'remove the mark to make it a local role, or subscribe again',
        );
      });
    }
  });
  // Duplicates first, reported on the later role: where a hand edit most likely added them.
  const earlier = new RoleGraph([]);
  roles.forEach((role, index) => {
    inRole(index, role, () => earlier.checkUnique(role));
    earlier.add(role);
  });
  // Ids are unique now, so "every role but this one" is "every role but this id".
  const graph = new RoleGraph(roles);
  roles.forEach((role, index) => {
    inRole(index, role, () => graph.checkPlacement(role, role.id));
  });
  const settings = checkSettings(value.settings ?? {});
  const document: { -readonly [K in keyof CatalogDocument]: CatalogDocument[K] } = {
    version: CATALOG_VERSION,
    roles,
    settings,
  };
  if (subscriptions !== undefined) document.subscriptions = subscriptions;
  if (accounts !== undefined) document.accounts = accounts;
  if (value.defaultRoleId !== undefined) {
    const id = checkRoleId(value.defaultRoleId, 'defaultRoleId');
    if (!roles.some((role) => role.id === id)) {
      throw inputError(
        'defaultRoleId',
        `no role has the id ${quoteValue(id)}`,
        'use the id of a role in "roles", or remove the key',
      );
    }
    document.defaultRoleId = id;
  }
  return document;
}
