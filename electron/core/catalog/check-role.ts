import { inputError, requireText } from '../../../shared/check-text';
import type { RoleEntry, RoleSource } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { parseRoleArn } from '../../../shared/role-arn';
import {
  checkColor,
  checkDisplayName,
  checkDuration,
  checkExternalId,
  checkMfaSerial,
  checkProfileName,
  checkRegion,
  checkSessionName,
} from '../../../shared/validate';
import { checkKeySourceName } from '../secrets/key-source-name';
import {
  checkNotGrantedSince,
  checkSsoRoleFields,
  checkSsoSource,
  SSO_SOURCE_FIELDS,
} from './check-sso-role';
import { checkConsoleBrowserValue } from './check-console-browser';
import { isObject } from './is-object';
import { checkSubscriptionName } from './subscription-name';

/** The field name each RoleEntry key is reported under in an InputError, for forms to map back. */
export const ROLE_FIELDS = {
  id: 'id',
  label: 'label',
  roleArn: 'role ARN',
  profile: 'profile',
  source: 'source',
  externalId: 'external ID',
  sessionName: 'role session name',
  durationSeconds: 'duration',
  region: 'region',
  mfaSerial: 'MFA serial',
  color: 'color',
  group: 'group',
  tags: 'tags',
  importedFrom: 'imported from',
  notGrantedSince: 'not granted since',
  subscription: 'subscription',
  console: 'console browser',
} as const satisfies Record<keyof RoleEntry, string>;

/** The source's own parts, reported under their own names. */
export const SOURCE_FIELDS = {
  profile: 'source profile',
  role: 'source role',
  keys: 'keychain source',
  ssoSession: SSO_SOURCE_FIELDS.session,
  ssoAccountId: SSO_SOURCE_FIELDS.accountId,
  ssoRoleName: SSO_SOURCE_FIELDS.roleName,
} as const;

export const MAX_TAGS = 20;
const ROLE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function checkRoleId(value: unknown, field: string = ROLE_FIELDS.id): string {
  const fix = 'use 1–64 lowercase letters, digits, _ or -, starting with a letter or digit';
  const id = requireText(value, field, fix);
  if (!ROLE_ID.test(id)) {
    throw inputError(field, id === '' ? 'is empty' : `${quoteValue(id)} is not a valid id`, fix);
  }
  return id;
}

export function checkLabel(value: unknown, field: string = ROLE_FIELDS.label): string {
  return checkDisplayName(value, field);
}

export function checkTags(value: unknown, field: string = ROLE_FIELDS.tags): string[] {
  if (!Array.isArray(value)) {
    throw inputError(field, 'must be a list of text', 'give a list such as ["prod", "admin"]');
  }
  if (value.length > MAX_TAGS) {
    throw inputError(field, `has ${value.length} tags`, `keep at most ${MAX_TAGS}`);
  }
  const seen = new Set<string>();
  return value.map((tag: unknown, index) => {
    const text = checkDisplayName(tag, `${field}[${index}]`);
    const key = text.normalize('NFC').toLowerCase();
    if (seen.has(key)) {
      throw inputError(field, `${quoteValue(text)} appears twice`, 'keep one of them');
    }
    seen.add(key);
    return text;
  });
}

export function checkSource(value: unknown, field: string = ROLE_FIELDS.source): RoleSource {
  const fix =
    'use {kind: "profile", profile}, {kind: "role", roleId}, {kind: "keys", name}, {kind: "sso", session, accountId, roleName} or {kind: "default"}';
  if (!isObject(value))
    throw inputError(field, value === undefined ? 'is missing' : 'must be an object', fix);
  const allowed: Record<string, readonly string[]> = {
    profile: ['kind', 'profile'],
    role: ['kind', 'roleId'],
    keys: ['kind', 'name'],
    default: ['kind'],
    sso: ['kind', 'session', 'accountId', 'roleName'],
  };
  const kind = value.kind;
  const keys = typeof kind === 'string' && Object.hasOwn(allowed, kind) ? allowed[kind] : undefined;
  if (kind === undefined) throw inputError(field, 'has no "kind"', fix);
  if (keys === undefined) {
    const shown = typeof kind === 'string' ? quoteValue(kind) : `of type ${typeof kind}`;
    throw inputError(field, `kind ${shown} is not a source kind`, fix);
  }
  const extra = Object.keys(value).find((key) => !keys.includes(key));
  if (extra !== undefined) {
    throw inputError(
      field,
      `has an unknown field ${quoteValue(extra)} for kind "${kind as string}"`,
      fix,
    );
  }
  switch (kind) {
    case 'profile':
      return { kind: 'profile', profile: checkProfileName(value.profile, SOURCE_FIELDS.profile) };
    case 'role':
      return { kind: 'role', roleId: checkRoleId(value.roleId, SOURCE_FIELDS.role) };
    case 'keys':
      return { kind: 'keys', name: checkKeySourceName(value.name, SOURCE_FIELDS.keys) };
    case 'sso':
      return checkSsoSource(value);
    default:
      return { kind: 'default' };
  }
}

function optional<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

/**
 * Checks every field of one role on its own (the rules that need the rest of
 * the catalog are in role-graph.ts) and returns it normalized: trimmed label,
 * lowercase colour, fields in a fixed order, absent optionals left out.
 * Unknown keys are refused, so a typo in a hand-edited file is not lost.
 */
export function checkRoleEntry(value: unknown): RoleEntry {
  if (!isObject(value))
    throw inputError('role', 'must be an object', "give the role's fields as an object");
  const unknown = Object.keys(value).find((key) => !Object.hasOwn(ROLE_FIELDS, key));
  if (unknown !== undefined) {
    throw inputError(
      'role',
      `has an unknown field ${quoteValue(unknown)}`,
      'remove it or check its spelling',
    );
  }
  const id = checkRoleId(value.id);
  const label = checkLabel(value.label);
  // An Identity Center role's ARN is built from its source, so that source is
  // checked first: a bad account or role name is reported as such, not as a bad ARN.
  const ssoSource =
    isObject(value.source) && value.source.kind === 'sso' ? checkSource(value.source) : undefined;
  const entry: Record<string, unknown> = {
    id,
    label,
    roleArn: parseRoleArn(value.roleArn as string, ROLE_FIELDS.roleArn).arn,
    profile: checkProfileName(value.profile, ROLE_FIELDS.profile),
    source: ssoSource ?? checkSource(value.source),
    externalId: optional(value.externalId, (v) => checkExternalId(v, ROLE_FIELDS.externalId)),
    sessionName: optional(value.sessionName, (v) => checkSessionName(v, ROLE_FIELDS.sessionName)),
    durationSeconds: optional(value.durationSeconds, (v) =>
      checkDuration(v, ROLE_FIELDS.durationSeconds),
    ),
    region: optional(value.region, (v) => checkRegion(v, ROLE_FIELDS.region)),
    mfaSerial: optional(value.mfaSerial, (v) => checkMfaSerial(v, ROLE_FIELDS.mfaSerial)),
    color: optional(value.color, (v) => checkColor(v, ROLE_FIELDS.color)),
    group: optional(value.group, (v) => checkDisplayName(v, ROLE_FIELDS.group)),
    tags: value.tags === undefined ? [] : checkTags(value.tags),
    importedFrom: optional(value.importedFrom, (v) =>
      checkProfileName(v, ROLE_FIELDS.importedFrom),
    ),
    notGrantedSince: optional(value.notGrantedSince, (v) =>
      checkNotGrantedSince(v, ROLE_FIELDS.notGrantedSince),
    ),
    subscription: optional(value.subscription, (v) =>
      checkSubscriptionName(v, ROLE_FIELDS.subscription),
    ),
    console: optional(value.console, (v) => checkConsoleBrowserValue(v, ROLE_FIELDS.console)),
  };
  for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
  const role = entry as unknown as RoleEntry;
  checkSsoRoleFields(role, ROLE_FIELDS);
  return role;
}
