import { CATALOG_VERSION } from './catalog-schema';
import { isObject } from './is-object';

export type JsonObject = Record<string, unknown>;

/** Turns a document of version N-1 into version N. Never throws: the result is validated afterwards. */
export type CatalogMigration = (doc: JsonObject) => JsonObject;

/**
 * Version 0 is the pre-release shape, written before the document had a
 * `version` key: each role named its source as `sourceProfile` (absent meant
 * the SDK's default chain) and had no `tags`.
 */
function v0ToV1(doc: JsonObject): JsonObject {
  const roles = Array.isArray(doc.roles)
    ? doc.roles.map((role: unknown) => {
        if (!isObject(role)) return role;
        const { sourceProfile, ...rest } = role;
        const source =
          rest.source ??
          (sourceProfile === undefined
            ? { kind: 'default' }
            : { kind: 'profile', profile: sourceProfile });
        return { ...rest, source, tags: rest.tags ?? [] };
      })
    : doc.roles;
  return { ...doc, version: 1, roles };
}

/** The first catalog version with Identity Center roles. */
export const SSO_ROLES_VERSION = 2;

/**
 * Version 2 only added what version 1 could not hold (Identity Center roles and
 * `notGrantedSince`), so every version-1 document is a valid version-2 one. The
 * bump is there for older Switchyards: they refuse a version-2 file as "written
 * by a newer Switchyard" and leave it alone, where a version-1 file with an
 * `sso` source would be reported as broken ("fix it or move it away").
 */
function v1ToV2(doc: JsonObject): JsonObject {
  return { ...doc, version: SSO_ROLES_VERSION };
}

/** The first catalog version with team subscriptions and a console browser per role. */
export const SUBSCRIPTIONS_VERSION = 3;
export const CONSOLE_BROWSER_VERSION = SUBSCRIPTIONS_VERSION;

/**
 * Version 3 only added optional fields: team catalog subscriptions
 * (`subscriptions`, and `subscription` on the roles they bring), where a role's
 * console opens (`console` on roles; `consoleBrowser`, `recentServices` in
 * settings) and how long the audit trail is kept (`auditRetentionMonths`). So
 * every version-2 document is a valid version-3 one; the bump makes an older
 * Switchyard refuse the file as "written by a newer Switchyard" instead of
 * calling it broken over a field it does not know.
 */
function v2ToV3(doc: JsonObject): JsonObject {
  return { ...doc, version: SUBSCRIPTIONS_VERSION };
}

/** The first catalog version with account names (`accounts`). */
export const ACCOUNT_NAMES_VERSION = 4;

/**
 * Version 4 added account names (`accounts`: id → alias and colour). Before,
 * the menu's heading was a role's `group`, often used as an account alias: an
 * account whose roles all carry one and the same group gets that group as its
 * alias (the user's own, so nothing automatic replaces it). Roles keep their
 * `group`; an account with mixed or missing groups gets no alias. An alias
 * longer than an alias may be (groups allow the same 64 characters) cannot occur.
 */
function v3ToV4(doc: JsonObject): JsonObject {
  const groups = new Map<string, string | null>();
  for (const role of Array.isArray(doc.roles) ? doc.roles : []) {
    if (!isObject(role) || typeof role.roleArn !== 'string') continue;
    const account = /^arn:[^:]*:iam::(\d{12}):/.exec(role.roleArn)?.[1];
    if (account === undefined) continue;
    const group = typeof role.group === 'string' ? role.group.trim() : '';
    const seen = groups.get(account);
    groups.set(account, seen === undefined || seen === group ? group || null : null);
  }
  const accounts: Record<string, { alias: string; aliasFrom: 'user' }> = {};
  for (const [account, group] of groups) {
    if (group) accounts[account] = { alias: group, aliasFrom: 'user' };
  }
  const named = doc.accounts === undefined && Object.keys(accounts).length > 0;
  return { ...doc, version: ACCOUNT_NAMES_VERSION, ...(named ? { accounts } : {}) };
}

/** The first catalog version with cleared aliases and aliases from a subscription. */
export const ALIAS_ORIGINS_VERSION = 5;

/**
 * Version 5 only widened `accounts`: an entry may keep the user's choice of no
 * alias (`aliasFrom: "user"` alone) and an alias may come from a subscription
 * (`aliasFrom: "subscription"`, `subscription`). Every version-4 document is a
 * valid version-5 one; the bump makes a version-4 Switchyard refuse the file as
 * "written by a newer Switchyard" instead of calling it broken.
 */
function v4ToV5(doc: JsonObject): JsonObject {
  return { ...doc, version: ALIAS_ORIGINS_VERSION };
}

/** Keyed by the version each migration produces: `1` takes a version-0 document to version 1. */
export const CATALOG_MIGRATIONS: Readonly<Record<number, CatalogMigration>> = {
  1: v0ToV1,
  2: v1ToV2,
  3: v2ToV3,
  4: v3ToV4,
  5: v4ToV5,
};

/** A document's version: its integer `version` key, or 0 when the key is absent (the v0 shape). */
export function documentVersion(doc: JsonObject): number | undefined {
  if (!('version' in doc)) return 0;
  const { version } = doc;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0
    ? version
    : undefined;
}

/**
 * Runs every migration from `from` up to CATALOG_VERSION, in order. The caller
 * has checked `from` is a valid version not above CATALOG_VERSION.
 */
export function migrateCatalog(doc: JsonObject, from: number): JsonObject {
  let current = doc;
  for (let version = from + 1; version <= CATALOG_VERSION; version++) {
    const migration = CATALOG_MIGRATIONS[version];
    if (!migration) throw new Error(`no catalog migration to version ${version}`);
    current = migration(current);
  }
  return current;
}
