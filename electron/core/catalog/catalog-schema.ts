import { DEFAULT_SETTINGS } from '../../../shared/model';
import type { CatalogDocument } from './catalog-document';
import { SUBSCRIPTION_NAME_PATTERN, SUBSCRIPTION_SCHEMA } from './subscription-schema';

/**
 * The JSON schema of catalog.json, in the shape conf and electron-store take
 * (`schema` is the `properties` object, `rootSchema` the rest). It guards every
 * read and write as a second line behind the field checks in check-role.ts,
 * which are stricter and give better messages; a test keeps the two in step.
 */

/**
 * Bump with a new entry in CATALOG_MIGRATIONS whenever the document shape
 * changes. Version 2 added Identity Center roles (`source.kind: "sso"`,
 * `notGrantedSince`): a Switchyard that reads only version 1 says "written by a
 * newer Switchyard" and leaves the file alone, instead of calling it broken.
 * Version 3 added where a role's console opens (`console` on a role,
 * `consoleBrowser` and `recentServices` in settings): every earlier reader
 * refuses unknown fields (additionalProperties: false), so optional fields
 * still need the bump. Version 4 added account names (`accounts`: an alias and
 * colour per account id). Version 5 let an account keep a cleared alias
 * (`aliasFrom: "user"` without `alias`) and name a subscription as an alias's
 * origin (`aliasFrom: "subscription"` with `subscription`), both refused by a
 * version-4 reader.
 */
export const CATALOG_VERSION = 5;

const ROLE_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
const PROFILE_PATTERN = '^[\\w@+.%:/-]{1,128}$';

/** A browser kind or the absolute path of one; check-role.ts checks the rest. */
const CONSOLE_BROWSER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['browser'],
  properties: {
    browser: { type: 'string', minLength: 1, maxLength: 1024 },
    profileDirectory: { type: 'string', pattern: '^[\\w .()-]{1,64}$' },
  },
} as const;

export const MAX_RECENT_SERVICES = 8;

const ROLE_SOURCE_SCHEMA = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'profile'],
      properties: {
        kind: { const: 'profile' },
        profile: { type: 'string', pattern: PROFILE_PATTERN },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'roleId'],
      properties: { kind: { const: 'role' }, roleId: { type: 'string', pattern: ROLE_ID_PATTERN } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'name'],
      properties: {
        kind: { const: 'keys' },
        name: { type: 'string', pattern: '^[\\w.@+-]{1,64}$' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: { kind: { const: 'default' } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'session', 'accountId', 'roleName'],
      properties: {
        kind: { const: 'sso' },
        session: { type: 'string', pattern: PROFILE_PATTERN },
        accountId: { type: 'string', pattern: '^[0-9]{12}$' },
        roleName: { type: 'string', pattern: '^[\\w+=,.@-]{1,64}$' },
      },
    },
  ],
} as const;

export const ROLE_ENTRY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'roleArn', 'profile', 'source', 'tags'],
  properties: {
    id: { type: 'string', pattern: ROLE_ID_PATTERN },
    label: { type: 'string', minLength: 1, maxLength: 64 },
    roleArn: {
      type: 'string',
      minLength: 20,
      maxLength: 2048,
      pattern: '^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/',
    },
    profile: { type: 'string', pattern: PROFILE_PATTERN },
    source: ROLE_SOURCE_SCHEMA,
    externalId: { type: 'string', pattern: '^[\\w+=,.@:/-]{2,1224}$' },
    sessionName: { type: 'string', pattern: '^[\\w+=,.@-]{2,64}$' },
    durationSeconds: { type: 'integer', minimum: 900, maximum: 43_200 },
    region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$' },
    mfaSerial: { type: 'string', pattern: '^[\\w+=/:,.@-]{9,256}$' },
    color: { type: 'string', pattern: '^[0-9a-f]{6}$' },
    group: { type: 'string', minLength: 1, maxLength: 64 },
    tags: {
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64 },
    },
    importedFrom: { type: 'string', pattern: PROFILE_PATTERN },
    notGrantedSince: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    subscription: { type: 'string', pattern: SUBSCRIPTION_NAME_PATTERN },
    console: CONSOLE_BROWSER_SCHEMA,
  },
} as const;

/** Refresh margins must stay under the shortest session (15 min), or a refresh would never stop. */
export const MIN_REFRESH_MARGIN_SECONDS = 60;
export const MAX_REFRESH_MARGIN_SECONDS = 840;
export const MAX_SHORTCUT_LENGTH = 100;
/** Ten years of audit trail at most; one month at least (the month being written). */
export const MIN_AUDIT_RETENTION_MONTHS = 1;
export const MAX_AUDIT_RETENTION_MONTHS = 120;

export const SETTINGS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    refreshMarginSeconds: {
      type: 'integer',
      minimum: MIN_REFRESH_MARGIN_SECONDS,
      maximum: MAX_REFRESH_MARGIN_SECONDS,
      default: DEFAULT_SETTINGS.refreshMarginSeconds,
    },
    removeExpiredProfiles: { type: 'boolean', default: DEFAULT_SETTINGS.removeExpiredProfiles },
    launchAtLogin: { type: 'boolean', default: DEFAULT_SETTINGS.launchAtLogin },
    shortcut: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_SHORTCUT_LENGTH,
      default: DEFAULT_SETTINGS.shortcut,
    },
    auditRetentionMonths: {
      type: 'integer',
      minimum: MIN_AUDIT_RETENTION_MONTHS,
      maximum: MAX_AUDIT_RETENTION_MONTHS,
      default: DEFAULT_SETTINGS.auditRetentionMonths,
    },
    consoleBrowser: CONSOLE_BROWSER_SCHEMA,
    recentServices: {
      type: 'array',
      maxItems: MAX_RECENT_SERVICES,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' },
    },
  },
} as const;

/** `accounts`: account id → its alias and colour; check-accounts.ts checks the rest. */
const ACCOUNTS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  patternProperties: {
    '^[0-9]{12}$': {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        alias: { type: 'string', minLength: 1, maxLength: 256 },
        color: { type: 'string', pattern: '^[0-9a-f]{6}$' },
        aliasFrom: { enum: ['user', 'identity-center', 'iam', 'subscription'] },
        subscription: { type: 'string', pattern: SUBSCRIPTION_NAME_PATTERN },
      },
    },
  },
} as const;

/** conf's `schema` option: one schema per top-level key. */
export const CATALOG_SCHEMA = {
  version: { type: 'integer', const: CATALOG_VERSION },
  roles: { type: 'array', items: ROLE_ENTRY_SCHEMA },
  settings: SETTINGS_SCHEMA,
  defaultRoleId: { type: 'string', pattern: ROLE_ID_PATTERN },
  subscriptions: { type: 'array', items: SUBSCRIPTION_SCHEMA },
  accounts: ACCOUNTS_SCHEMA,
  // conf keeps its own migration bookkeeping here when given `migrations`
  // (electron-store with projectVersion); Switchyard never writes it.
  __internal__: { type: 'object' },
} as const;

/** conf's `rootSchema` option: the document-level keywords around CATALOG_SCHEMA. */
export const CATALOG_ROOT_SCHEMA = {
  required: ['version', 'roles', 'settings'],
  additionalProperties: false,
} as const;

/** A new, empty catalog. */
export const CATALOG_DEFAULTS: CatalogDocument = {
  version: CATALOG_VERSION,
  roles: [],
  settings: DEFAULT_SETTINGS,
};
