import {
  ALIAS_ORIGINS,
  checkAccountAlias,
  checkAccountColor,
  type AccountName,
  type AccountNames,
  type AliasOrigin,
} from '../../../shared/account-name';
import { inputError } from '../../../shared/check-text';
import { InputError } from '../../../shared/input-error';
import { quoteValue } from '../../../shared/quote-value';
import { isEmptyName, type MutableName } from './account-name-entry';
import { isObject } from './is-object';
import { checkSubscriptionName } from './subscription-name';

const ENTRY_KEYS = new Set(['alias', 'color', 'aliasFrom', 'subscription']);

function checkOrigin(raw: Record<string, unknown>): AliasOrigin {
  const from = raw.aliasFrom ?? 'user';
  if (!ALIAS_ORIGINS.includes(from as AliasOrigin)) {
    throw inputError(
      'aliasFrom',
      `${quoteValue(String(from))} is not one of ${ALIAS_ORIGINS.join(', ')}`,
      'use "user" for an alias you chose',
    );
  }
  return from as AliasOrigin;
}

function checkEntry(raw: unknown): AccountName {
  if (!isObject(raw)) throw inputError('account', 'must be an object', 'give alias and/or color');
  const unknown = Object.keys(raw).find((key) => !ENTRY_KEYS.has(key));
  if (unknown !== undefined) {
    throw inputError('account', `has an unknown key ${quoteValue(unknown)}`, 'remove it');
  }
  const entry: MutableName = {};
  if (raw.alias !== undefined) {
    entry.alias = checkAccountAlias(raw.alias);
    entry.aliasFrom = checkOrigin(raw);
  } else if (raw.aliasFrom !== undefined) {
    // "user" without an alias: the user cleared it, and automatic names keep off.
    if (raw.aliasFrom !== 'user') {
      throw inputError('aliasFrom', 'is set without an alias', 'remove it, or add the alias');
    }
    entry.aliasFrom = 'user';
  }
  if (entry.aliasFrom === 'subscription') {
    entry.subscription = checkSubscriptionName(raw.subscription, 'subscription');
  } else if (raw.subscription !== undefined) {
    throw inputError('subscription', 'is set without "aliasFrom": "subscription"', 'remove it');
  }
  if (raw.color !== undefined) entry.color = checkAccountColor(raw.color);
  if (isEmptyName(entry)) {
    throw inputError('account', 'has neither alias nor color', 'remove the entry');
  }
  return entry;
}

/**
 * catalog.json's `accounts`: an object keyed by 12-digit account id, each with
 * an alias and/or a colour. Undefined (left out of the document) when empty.
 */
export function checkAccountNames(value: unknown): AccountNames | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    throw inputError('accounts', 'must be an object keyed by account id', 'use {} for none');
  }
  const out: Record<string, AccountName> = {};
  for (const [id, raw] of Object.entries(value)) {
    if (!/^\d{12}$/.test(id)) {
      throw inputError(
        'accounts',
        `has the key ${quoteValue(id)}, which is not a 12-digit account id`,
        'key each account by its 12 digits, without dashes',
      );
    }
    try {
      out[id] = checkEntry(raw);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(`accounts.${id}`, `accounts.${id}: ${error.message}`);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Each alias a subscription gave names a subscription the catalog has (one
 * removed takes its names along, see releaseSubscriptionNames). Throws InputError.
 */
export function checkAccountSubscriptions(
  accounts: AccountNames | undefined,
  subscriptions: ReadonlySet<string>,
): void {
  for (const [id, entry] of Object.entries(accounts ?? {})) {
    const name = entry.subscription;
    if (name === undefined || subscriptions.has(name)) continue;
    throw inputError(
      `accounts.${id}`,
      `its alias is from subscription ${quoteValue(name)}, which is not in "subscriptions"`,
      'remove "aliasFrom" and "subscription" to make the alias yours, or subscribe again',
    );
  }
}
