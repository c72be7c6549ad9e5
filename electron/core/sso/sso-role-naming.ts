/**
 * How an Identity Center assignment is named in the catalog, in one place so
 * the sync and `roles import` name the same assignment the same way.
 *
 * - label `<account name> / <role>` and group `<account name>` (the account's
 *   alias in our model), fitted to the 64-character display limit; an import
 *   from ~/.aws/config, which has no account name, labels it with the config
 *   profile's name and leaves the group to the first sync;
 * - target profile `<account-name-slug>/<role>`: the account name lowercased,
 *   runs of anything but letters and digits turned into one "-" (the account
 *   id when nothing is left), then "/" and the role name with the two
 *   characters profile names cannot hold ("=" and ",") turned into "-". A name
 *   already taken gets "-2", "-3", … .
 */

const MAX_DISPLAY = 64;
const MAX_PROFILE = 128;
const MAX_SLUG = 60;

/** Text fitted to `max` characters, with "…" where it was cut. */
function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The account name as a display name: control and invisible characters
 * become spaces, runs of spaces one, ends trimmed; the account id when
 * nothing is left (account names are free text; our labels are not).
 */
export function accountDisplayName(accountName: string, accountId: string): string {
  // Control characters, and format characters other than the emoji joiners the labels allow.
  const cleaned = accountName
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200c\u200d])\p{Cf}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return fit(cleaned === '' ? accountId : cleaned, MAX_DISPLAY);
}

/** The group of a role for this account: its display name. */
export function ssoGroup(accountName: string, accountId: string): string {
  return accountDisplayName(accountName, accountId);
}

/** `<account name> / <role>`, within 64 characters (the account name is shortened first). */
export function ssoLabel(accountName: string, accountId: string, roleName: string): string {
  const tail = ` / ${roleName}`;
  const room = Math.max(MAX_DISPLAY - [...tail].length, 8);
  return fit(`${fit(accountDisplayName(accountName, accountId), room)}${tail}`, MAX_DISPLAY);
}

/**
 * The label `roles import` gives an Identity Center profile: the config has no
 * account name, so the profile's own name (a first sync then names it properly).
 */
export function ssoImportLabel(configProfile: string): string {
  return fit(configProfile, MAX_DISPLAY);
}

/** `<account-name-slug>/<role>`, before any de-duplication. */
export function ssoProfileBase(accountName: string, accountId: string, roleName: string): string {
  const slug =
    accountName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_SLUG)
      .replace(/-+$/, '') || accountId;
  return `${slug}/${roleName.replace(/[=,]/g, '-')}`.slice(0, MAX_PROFILE - 8);
}

/**
 * `base`, or `base-2`, `base-3`, … : the first not in `taken`. The chosen
 * name is added to `taken`, so a batch of new roles gets distinct names.
 */
export function uniqueProfile(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}
