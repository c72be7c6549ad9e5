import {
  checkBrowserChoice,
  checkProfileDirectory,
  type ConsoleBrowserSetting,
} from '../../../shared/console-browser';
import type { RoleForm } from '../../../shared/ipc-contract';
import type { RoleEntry, RoleSource } from '../../../shared/model';
import { parseRoleArn } from '../../../shared/role-arn';
import {
  type Check,
  checkColor,
  checkDisplayName,
  checkDuration,
  checkExternalId,
  checkMfaSerial,
  checkProfileName,
  checkRegion,
  checkSessionName,
  problemWith,
} from '../../../shared/validate';

/** The add/edit form as the user typed it: text everywhere, empty meaning "not set". */
export interface RoleFormValues {
  readonly label: string;
  readonly roleArn: string;
  readonly profile: string;
  readonly sourceKind: RoleSource['kind'];
  readonly sourceProfile: string;
  readonly sourceRoleId: string;
  readonly sourceKeys: string;
  /** Identity Center roles: set by sync, shown read-only, sent back unchanged. */
  readonly ssoSession: string;
  readonly ssoAccountId: string;
  readonly ssoRoleName: string;
  readonly region: string;
  readonly duration: string;
  readonly externalId: string;
  readonly sessionName: string;
  readonly mfaSerial: string;
  readonly color: string;
  readonly group: string;
  /** Comma-separated. */
  readonly tags: string;
  /** Where the console opens: empty (the settings' default), a browser name or a path. */
  readonly consoleBrowser: string;
  /** An existing Chromium profile folder instead of one per role; empty for none. */
  readonly consoleProfile: string;
}

export type FormField = keyof RoleFormValues;

export const EMPTY_VALUES: RoleFormValues = {
  label: '',
  roleArn: '',
  profile: '',
  sourceKind: 'profile',
  sourceProfile: '',
  sourceRoleId: '',
  sourceKeys: '',
  ssoSession: '',
  ssoAccountId: '',
  ssoRoleName: '',
  region: '',
  duration: '',
  externalId: '',
  sessionName: '',
  mfaSerial: '',
  color: '',
  group: '',
  tags: '',
  consoleBrowser: '',
  consoleProfile: '',
};

export function valuesFromRole(role: RoleEntry): RoleFormValues {
  const { source } = role;
  return {
    ...EMPTY_VALUES,
    label: role.label,
    roleArn: role.roleArn,
    profile: role.profile,
    sourceKind: source.kind,
    sourceProfile: source.kind === 'profile' ? source.profile : '',
    sourceRoleId: source.kind === 'role' ? source.roleId : '',
    sourceKeys: source.kind === 'keys' ? source.name : '',
    ssoSession: source.kind === 'sso' ? source.session : '',
    ssoAccountId: source.kind === 'sso' ? source.accountId : '',
    ssoRoleName: source.kind === 'sso' ? source.roleName : '',
    region: role.region ?? '',
    duration: role.durationSeconds === undefined ? '' : String(role.durationSeconds),
    externalId: role.externalId ?? '',
    sessionName: role.sessionName ?? '',
    mfaSerial: role.mfaSerial ?? '',
    color: role.color ?? '',
    group: role.group ?? '',
    tags: role.tags.join(', '),
    consoleBrowser: role.console?.browser ?? '',
    consoleProfile: role.console?.profileDirectory ?? '',
  };
}

/** The field names the engine's InputErrors use (catalog ROLE_FIELDS / SOURCE_FIELDS), so messages read the same. */
export const FIELD_NAMES: Readonly<Record<FormField, string>> = {
  label: 'label',
  roleArn: 'role ARN',
  profile: 'profile',
  sourceKind: 'source',
  sourceProfile: 'source profile',
  sourceRoleId: 'source role',
  sourceKeys: 'keychain source',
  ssoSession: 'Identity Center session',
  ssoAccountId: 'account',
  ssoRoleName: 'permission set',
  region: 'region',
  duration: 'duration',
  externalId: 'external ID',
  sessionName: 'role session name',
  mfaSerial: 'MFA serial',
  color: 'color',
  group: 'group',
  tags: 'tags',
  consoleBrowser: 'console browser',
  consoleProfile: 'profile directory',
};

const checkRoleArn: Check = (value, field) => parseRoleArn(value as string, field);

function required(check: Check) {
  return (value: string, field: string) => problemWith(check, value, field);
}
function optional(check: Check) {
  return (value: string, field: string) =>
    value.trim() === '' ? undefined : problemWith(check, value, field);
}

export function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

function tagsProblem(text: string, field: string): string | undefined {
  const seen = new Set<string>();
  for (const tag of splitTags(text)) {
    const problem = problemWith(checkDisplayName, tag, field);
    if (problem) return problem;
    const key = tag.normalize('NFC').toLowerCase();
    if (seen.has(key)) return `${field}: "${tag}" appears twice; keep one of them`;
    seen.add(key);
  }
  return undefined;
}

const RULES: { readonly [F in FormField]?: (value: string, field: string) => string | undefined } =
  {
    label: required(checkDisplayName),
    roleArn: required(checkRoleArn),
    profile: required(checkProfileName),
    region: optional(checkRegion),
    duration: optional(checkDuration),
    externalId: optional(checkExternalId),
    sessionName: optional(checkSessionName),
    mfaSerial: optional(checkMfaSerial),
    color: optional(checkColor),
    group: optional(checkDisplayName),
    tags: tagsProblem,
    consoleBrowser: optional(checkBrowserChoice),
    consoleProfile: optional(checkProfileDirectory),
  };

/**
 * The shared validator's message for one field, as the user types. The
 * keychain source name is checked by the engine (its rule lives in core).
 */
export function fieldProblem(field: FormField, values: RoleFormValues): string | undefined {
  switch (field) {
    case 'sourceProfile':
      return values.sourceKind === 'profile'
        ? problemWith(checkProfileName, values.sourceProfile, FIELD_NAMES.sourceProfile)
        : undefined;
    case 'sourceRoleId':
      return values.sourceKind === 'role' && values.sourceRoleId === ''
        ? 'source role: none chosen; pick the role whose session this role is assumed from'
        : undefined;
    default:
      return RULES[field]?.(values[field], FIELD_NAMES[field]);
  }
}

export function formProblems(values: RoleFormValues): Partial<Record<FormField, string>> {
  const problems: Partial<Record<FormField, string>> = {};
  for (const field of Object.keys(values) as FormField[]) {
    const problem = fieldProblem(field, values);
    if (problem) problems[field] = problem;
  }
  return problems;
}

function sourceOf(values: RoleFormValues): RoleSource {
  switch (values.sourceKind) {
    case 'profile':
      return { kind: 'profile', profile: values.sourceProfile };
    case 'role':
      return { kind: 'role', roleId: values.sourceRoleId };
    case 'keys':
      return { kind: 'keys', name: values.sourceKeys.trim() };
    case 'default':
      return { kind: 'default' };
    case 'sso':
      return {
        kind: 'sso',
        session: values.ssoSession,
        accountId: values.ssoAccountId,
        roleName: values.ssoRoleName,
      };
    default: {
      const never: never = values.sourceKind;
      return never;
    }
  }
}

function consoleOf(values: RoleFormValues): ConsoleBrowserSetting | undefined {
  const browser = values.consoleBrowser.trim();
  const profileDirectory = values.consoleProfile.trim();
  if (browser === '') return undefined;
  return profileDirectory === '' ? { browser } : { browser, profileDirectory };
}

/** The form as the engine takes it (call once formProblems is empty; the engine checks again). */
export function toRoleForm(values: RoleFormValues): RoleForm {
  const text = (value: string) => (value.trim() === '' ? undefined : value);
  const duration = text(values.duration);
  const form: RoleForm = {
    label: values.label.trim(),
    roleArn: values.roleArn,
    profile: values.profile,
    source: sourceOf(values),
    externalId: text(values.externalId),
    sessionName: text(values.sessionName),
    durationSeconds: duration === undefined ? undefined : checkDuration(duration),
    region: text(values.region),
    mfaSerial: text(values.mfaSerial),
    color: values.color.trim() === '' ? undefined : checkColor(values.color.trim()),
    group: text(values.group)?.trim(),
    tags: splitTags(values.tags),
    console: consoleOf(values),
  };
  // Leave unset optionals out: undefined does not survive IPC as "absent" everywhere.
  return Object.fromEntries(
    Object.entries(form).filter(([, value]) => value !== undefined),
  ) as unknown as RoleForm;
}

/** Which field an engine InputError ("profile: … ; …") is about, to show it under that field. */
export function fieldOfMessage(message: string): FormField | undefined {
  // "tags[2]: …" is about the tags field.
  const prefix = (message.split(':', 1)[0] ?? '').replace(/\[\d+\]$/, '');
  const entry = Object.entries(FIELD_NAMES).find(([, name]) => name === prefix);
  return entry?.[0] as FormField | undefined;
}

/** A profile name suggested from the label while the user has not typed one. */
export function suggestProfile(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9_.@+%:/-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
