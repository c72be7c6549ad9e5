import type { AccountNames } from '../../../shared/account-name';
import type { RoleEntry } from '../../../shared/model';
import { sharedNames } from './account-name-entry';
import { ACCOUNT_NAMES_VERSION, SSO_ROLES_VERSION } from './catalog-migrations';
import type { CatalogStore } from './catalog-store';

/** The `format` marker of a shared catalog file. */
export const CATALOG_EXPORT_FORMAT = 'switchyard-catalog';

/** A catalog file for sharing a team's roles: roles only, no settings, no secrets. */
export interface CatalogExport {
  readonly format: typeof CATALOG_EXPORT_FORMAT;
  readonly version: number;
  readonly roles: readonly RoleEntry[];
  /** Account names (version 4): alias and colour, without where this machine's alias came from. */
  readonly accounts?: AccountNames;
}

/**
 * The fields that describe this machine, not the role: `importedFrom` names a
 * profile in this machine's ~/.aws/config, and `notGrantedSince` is what this
 * person's last Identity Center sync found (a teammate's grants differ), and
 * `subscription` names this machine's subscription the role came from;
 * `console` names a browser installed here (or its path on this disk).
 */
const MACHINE_LOCAL = ['importedFrom', 'notGrantedSince', 'subscription', 'console'] as const;

/** The role without its machine-local fields (MACHINE_LOCAL). */
export function withoutLocalFields(role: RoleEntry): RoleEntry {
  if (MACHINE_LOCAL.every((key) => role[key] === undefined)) return role;
  const copy: { -readonly [K in keyof RoleEntry]?: RoleEntry[K] } = { ...role };
  for (const key of MACHINE_LOCAL) delete copy[key];
  return copy as RoleEntry;
}

/** `role`'s fields with `local`'s machine-local ones (kept when a shared file replaces a role). */
export function withLocalFields(role: RoleEntry, local: RoleEntry | undefined): RoleEntry {
  const out: { -readonly [K in keyof RoleEntry]?: RoleEntry[K] } = { ...withoutLocalFields(role) };
  if (local?.importedFrom !== undefined) out.importedFrom = local.importedFrom;
  if (local?.console !== undefined) out.console = local.console;
  // A role that is no longer Identity Center cannot keep a not-granted mark.
  if (local?.notGrantedSince !== undefined && role.source.kind === 'sso') {
    out.notGrantedSince = local.notGrantedSince;
  }
  return out as RoleEntry;
}

/**
 * The oldest catalog version that can hold `roles`, so a file without
 * Identity Center roles still opens in a Switchyard that reads only version 1.
 * (A version that adds a field must add its rule here.)
 */
export function exportVersion(roles: readonly RoleEntry[], named = false): number {
  if (named) return ACCOUNT_NAMES_VERSION;
  return roles.some((role) => role.source.kind === 'sso') ? SSO_ROLES_VERSION : 1;
}

/**
 * The catalog's roles as a shareable JSON file. Keychain source names and
 * Identity Center session names stay (they are names, not secrets: each person
 * has their own keys and [sso-session] under them); the machine-local fields go.
 */
export function exportCatalog(store: CatalogStore): string {
  const roles = store.list().map(withoutLocalFields);
  const accounts = sharedAccountNames(store.accounts());
  const file: CatalogExport = {
    format: CATALOG_EXPORT_FORMAT,
    version: exportVersion(roles, accounts !== undefined),
    roles,
    ...(accounts ? { accounts } : {}),
  };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}

/** Account names as a shared file carries them (sharedNames); undefined when none. */
function sharedAccountNames(names: AccountNames): AccountNames | undefined {
  const shared = sharedNames(names);
  return Object.keys(shared).length > 0 ? shared : undefined;
}
