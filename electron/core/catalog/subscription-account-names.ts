import type { AccountName, AccountNames } from '../../../shared/account-name';
import { isEmptyName, withoutAlias, type MutableName } from './account-name-entry';

function sameName(a: AccountName | undefined, b: AccountName): boolean {
  return (
    a?.alias === b.alias &&
    a?.color === b.color &&
    a?.aliasFrom === b.aliasFrom &&
    a?.subscription === b.subscription
  );
}

/**
 * `local` with the account names subscription `name`'s file brings (already
 * checked, origins stripped: see readCatalogExportFile), or undefined when that
 * changes nothing. An alias fills an account with none, or with one found
 * automatically (Identity Center, IAM), and is marked as this subscription's;
 * one this subscription gave earlier follows the file (renamed, or dropped when
 * the file no longer names the account). The user's alias, the user's choice of
 * none and another subscription's alias (the first to name it keeps it) stay.
 * A colour fills an account without one, as a shared file import does.
 */
export function fillSubscribedAccountNames(
  local: AccountNames,
  incoming: AccountNames,
  name: string,
): AccountNames | undefined {
  const next: Record<string, AccountName> = { ...local };
  let changed = false;
  const ids = new Set([...Object.keys(local), ...Object.keys(incoming)]);
  for (const id of ids) {
    const current = local[id];
    const shared = incoming[id];
    const ours = current?.aliasFrom === 'subscription' && current.subscription === name;
    const taken = current?.aliasFrom === 'user' || (current?.aliasFrom === 'subscription' && !ours);
    let entry: MutableName = { ...current };
    if (shared?.alias !== undefined && !taken) {
      entry = { ...withoutAlias(entry), alias: shared.alias, aliasFrom: 'subscription' };
      entry.subscription = name;
    } else if (shared?.alias === undefined && ours) {
      entry = withoutAlias(entry);
    }
    if (shared?.color !== undefined && entry.color === undefined) entry.color = shared.color;
    if (sameName(current, entry)) continue;
    if (isEmptyName(entry)) delete next[id];
    else next[id] = entry;
    changed = true;
  }
  return changed ? next : undefined;
}

/**
 * `names` once subscription `name` is removed: the aliases it gave go (automatic
 * naming may fill them again), or with `keep` become the user's, as its roles
 * become local ones. Undefined when it named nothing.
 */
export function releaseSubscriptionNames(
  names: AccountNames,
  name: string,
  keep: boolean,
): AccountNames | undefined {
  const next: Record<string, AccountName> = { ...names };
  let changed = false;
  for (const [id, entry] of Object.entries(names)) {
    if (entry.aliasFrom !== 'subscription' || entry.subscription !== name) continue;
    const released = withoutAlias(entry);
    if (keep && entry.alias !== undefined) {
      released.alias = entry.alias;
      released.aliasFrom = 'user';
    }
    if (isEmptyName(released)) delete next[id];
    else next[id] = released;
    changed = true;
  }
  return changed ? next : undefined;
}
