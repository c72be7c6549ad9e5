import type { AccountName, AccountNames } from '../../../shared/account-name';

/** An account's entry while a change is made to it. */
export type MutableName = { -readonly [K in keyof AccountName]: AccountName[K] };

/** Nothing left to keep: no alias, no colour, no choice of none (`aliasFrom` alone). */
export function isEmptyName(entry: AccountName): boolean {
  return entry.alias === undefined && entry.color === undefined && entry.aliasFrom === undefined;
}

/** The entry with its alias, and who gave it, taken away (the colour stays). */
export function withoutAlias(entry: AccountName | undefined): MutableName {
  const next: MutableName = { ...entry };
  delete next.alias;
  delete next.aliasFrom;
  delete next.subscription;
  return next;
}

/**
 * Account names as a shared catalog file carries them, exported or read:
 * alias and colour only. Where the alias came from, and a cleared alias (this
 * machine's choice), do not travel; an entry left with neither goes.
 */
export function sharedNames(names: AccountNames): AccountNames {
  const entries: [string, AccountName][] = [];
  for (const [id, { alias, color }] of Object.entries(names)) {
    if (alias === undefined && color === undefined) continue;
    entries.push([
      id,
      { ...(alias !== undefined && { alias }), ...(color !== undefined && { color }) },
    ]);
  }
  return Object.fromEntries(entries);
}
