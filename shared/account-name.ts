import { inputError, requireText } from './check-text';
import { checkColor } from './console-colors';
import { quoteValue } from './quote-value';
import { checkDisplayName } from './validate-display-name';

/**
 * Where an account's alias came from. Only the user's own is never replaced:
 * Identity Center's account name and the account's IAM alias are filled in
 * automatically and may be refreshed by a later sync; a team catalog
 * subscription's name (`subscription` says which) follows that subscription.
 */
export type AliasOrigin = 'user' | 'identity-center' | 'iam' | 'subscription';

export const ALIAS_ORIGINS: readonly AliasOrigin[] = [
  'user',
  'identity-center',
  'iam',
  'subscription',
];

/** The name and colour of one AWS account, shared by every role in it. */
export interface AccountName {
  /** Display name ("acme-prod"), 1–64 printable characters. */
  readonly alias?: string;
  /** RRGGBB lowercase without '#', like a role's colour. */
  readonly color?: string;
  /**
   * Set with `alias`: who chose it. `"user"` without an alias is the user's
   * choice of none (a cleared alias), which nothing automatic fills.
   */
  readonly aliasFrom?: AliasOrigin;
  /** With `aliasFrom: "subscription"`: the name of the subscription whose file named it. */
  readonly subscription?: string;
}

/**
 * A change to one account's name: a value sets, null clears, absent leaves as
 * it is. A cleared alias stays cleared (the user chose none); `autoAlias`
 * instead drops the alias and lets automatic naming fill it again.
 */
export interface AccountPatch {
  readonly alias?: string | null;
  readonly color?: string | null;
  readonly autoAlias?: boolean;
}

/** Account id (12 digits) → its name. */
export type AccountNames = Readonly<Record<string, AccountName>>;

const ACCOUNT_ID_FIX = 'give the 12-digit account id, such as 111122223333 or 1111-2222-3333';

/** A 12-digit account id; dashes and spaces between the digits (as the console shows them) are dropped. */
export function checkAccountId(value: unknown, field = 'account id'): string {
  const text = requireText(value, field, ACCOUNT_ID_FIX);
  const digits = text.replace(/[-\s]/g, '');
  if (!/^\d{12}$/.test(digits)) {
    throw inputError(field, `${quoteValue(text)} is not a 12-digit account id`, ACCOUNT_ID_FIX);
  }
  return digits;
}

/** An account alias: any printable text, trimmed, 1–64 characters. */
export function checkAccountAlias(value: unknown, field = 'alias'): string {
  return checkDisplayName(value, field);
}

/** An account colour, in the forms a role colour takes (hex or a console colour name). */
export function checkAccountColor(value: unknown, field = 'color'): string {
  return checkColor(value, field);
}

/** "1111-2222-3333": an account id in groups of four, for reading. */
export function groupedAccountId(accountId: string): string {
  return /^\d{12}$/.test(accountId) ? accountId.replace(/(\d{4})(?=\d)/g, '$1-') : accountId;
}
