import {
  checkAccountAlias,
  checkAccountColor,
  checkAccountId,
  type AccountName,
  type AccountNames,
  type AccountPatch,
  type AliasOrigin,
} from '../../../shared/account-name';
import { inputError } from '../../../shared/check-text';
export type { AccountPatch };
import type { RoleEntry } from '../../../shared/model';
import { isEmptyName, withoutAlias, type MutableName } from './account-name-entry';
import { isObject } from './is-object';

function withEntry(names: AccountNames, accountId: string, entry: AccountName): AccountNames {
  const next: Record<string, AccountName> = { ...names };
  if (isEmptyName(entry)) delete next[accountId];
  else next[accountId] = entry;
  return next;
}

/**
 * `names` with the user's change to one account applied. An alias set here is
 * the user's own (`aliasFrom: "user"`), which automatic filling never replaces;
 * so is a cleared one (`aliasFrom: "user"` without an alias: the user chose
 * none). `autoAlias` drops the alias and its origin, so automatic naming may
 * fill it again. Throws a one-line InputError for a bad id, alias or colour.
 */
export function patchAccountName(
  names: AccountNames,
  accountIdInput: unknown,
  patch: AccountPatch,
): { readonly names: AccountNames; readonly accountId: string; readonly entry: AccountName } {
  const accountId = checkAccountId(accountIdInput);
  if (!isObject(patch)) {
    throw inputError('account', 'changes must be an object', 'give alias and/or color');
  }
  if (patch.autoAlias === true && patch.alias !== undefined) {
    throw inputError(
      'alias',
      'cannot be both set and left to automatic naming',
      'give either an alias or automatic naming',
    );
  }
  const current = names[accountId];
  const entry: MutableName =
    patch.alias !== undefined || patch.autoAlias === true ? withoutAlias(current) : { ...current };
  if (patch.alias === null) entry.aliasFrom = 'user';
  else if (patch.alias !== undefined) {
    entry.alias = checkAccountAlias(patch.alias);
    entry.aliasFrom = 'user';
  }
  if (patch.color === null) delete entry.color;
  else if (patch.color !== undefined) entry.color = checkAccountColor(patch.color);
  return { names: withEntry(names, accountId, entry), accountId, entry };
}

/**
 * `names` with an alias found automatically (Identity Center's account name,
 * the account's IAM alias), or undefined when it changes nothing. The user's
 * own alias is never replaced, nor a cleared one (the user chose none), nor a
 * subscription's (a team's choice); Identity Center's name replaces an older
 * automatic one (an account renamed there); the IAM alias only fills a gap or
 * replaces an earlier IAM alias. A name that is not a valid alias is passed over.
 */
export function fillAccountAlias(
  names: AccountNames,
  accountId: string,
  alias: string,
  from: Exclude<AliasOrigin, 'user' | 'subscription'>,
): AccountNames | undefined {
  let checked: string;
  try {
    checked = checkAccountAlias(alias);
  } catch {
    return undefined;
  }
  const current = names[accountId];
  if (current?.aliasFrom === 'user' || current?.aliasFrom === 'subscription') return undefined;
  if (current?.alias !== undefined) {
    if (current.alias === checked && current.aliasFrom === from) return undefined;
    if (from === 'iam' && current.aliasFrom !== 'iam') return undefined;
  }
  return withEntry(names, accountId, { ...current, alias: checked, aliasFrom: from });
}

/**
 * `local` with the names a shared catalog file brings, or undefined when that
 * changes nothing: an alias fills an account without one of the user's own
 * (it was a person's choice, so it becomes the user's), a colour an account
 * without one. Nothing this machine's user chose is replaced, a cleared alias
 * included, nor a subscription's alias (see subscription-account-names.ts).
 */
export function mergeSharedAccountNames(
  local: AccountNames,
  incoming: AccountNames,
): AccountNames | undefined {
  const next: Record<string, AccountName> = { ...local };
  let changed = false;
  for (const [id, shared] of Object.entries(incoming)) {
    const entry: MutableName = { ...local[id] };
    const taken = entry.aliasFrom === 'user' || entry.aliasFrom === 'subscription';
    if (shared.alias !== undefined && !taken && entry.alias !== shared.alias) {
      entry.alias = shared.alias;
      entry.aliasFrom = 'user';
    }
    if (shared.color !== undefined && entry.color === undefined) entry.color = shared.color;
    if (entry.alias !== local[id]?.alias || entry.color !== local[id]?.color) {
      next[id] = entry;
      changed = true;
    }
  }
  return changed ? next : undefined;
}

/** One account as `switchyard accounts` lists it. */
export interface AccountSummary extends AccountName {
  readonly accountId: string;
  /** Roles in the catalog in this account. */
  readonly roles: number;
}

// arn:PARTITION:iam::ACCOUNT:role/… — the catalog has already validated it.
const ARN_ACCOUNT = /^arn:[^:]*:iam::(\d{12}):/;

/** The account id a role's ARN names. */
export function roleAccountId(role: RoleEntry): string {
  return ARN_ACCOUNT.exec(role.roleArn)?.[1] ?? '';
}

/** Every account with roles or a name, by id, each with its role count. */
export function summarizeAccounts(
  roles: readonly RoleEntry[],
  names: AccountNames,
): AccountSummary[] {
  const counts = new Map<string, number>();
  for (const role of roles) {
    const id = roleAccountId(role);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const id of Object.keys(names)) if (!counts.has(id)) counts.set(id, 0);
  return [...counts.keys()]
    .sort()
    .map((accountId) => ({ accountId, ...names[accountId], roles: counts.get(accountId) ?? 0 }));
}
