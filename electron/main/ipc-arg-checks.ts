import type { ConsoleMode, RoleForm } from '../../shared/ipc-contract';
import type { ConsoleBrowserSetting } from '../../shared/console-browser';
import type { RoleSource, Settings, Snapshot } from '../../shared/model';

/**
 * Runtime checks of what the renderer sends: types vanish at runtime, and a
 * compromised page could send anything. These check SHAPES only (known
 * fields, primitive types, ids that exist); what the values mean (ARN syntax,
 * duration limits, ...) is the engine's job, which throws InputError. The
 * limits on sizes are a bound on what crosses the boundary, not rules.
 */
export class IpcArgumentError extends Error {
  override readonly name = 'IpcArgumentError';
}

/** Far above any real value (the longest, a role ARN, is 2048 characters). */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_LIST_LENGTH = 256;
/** Profiles ticked in an import: a config may hold thousands of roles. */
export const MAX_IMPORT_PROFILES = 20_000;

function fail(what: string, rule: string): never {
  // The value itself is never echoed: it could be a pasted secret.
  throw new IpcArgumentError(`${what} ${rule}`);
}

export function checkText(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(what, 'must be text');
  if (value.length > MAX_TEXT_LENGTH) fail(what, `must be at most ${MAX_TEXT_LENGTH} characters`);
  return value;
}

function checkNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(what, 'must be a number');
  return value;
}

function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(what, 'must be true or false');
  return value;
}

export function checkTextList(value: unknown, what: string, max = MAX_LIST_LENGTH): string[] {
  if (!Array.isArray(value)) fail(what, 'must be a list of text');
  if (value.length > max) fail(what, `must have at most ${max} items`);
  return value.map((item, index) => checkText(item, `${what}[${index}]`));
}

/** A plain object (what structured clone delivers), never an array, class instance or null. */
export function checkRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(what, 'must be an object');
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(what, 'must be a plain object');
  return value as Record<string, unknown>;
}

export function rejectUnknownKeys(
  record: Record<string, unknown>,
  known: Readonly<Record<string, unknown>>,
  what: string,
): void {
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(known, key)) fail(what, 'has a field it does not know');
  }
}

export function checkKnownRoleId(value: unknown, snapshot: Snapshot, what = 'role id'): string {
  const id = checkText(value, what);
  if (!snapshot.roles.some((view) => view.role.id === id))
    fail(what, 'is not a role in the catalog');
  return id;
}

export function checkKnownRoleIdOrNull(
  value: unknown,
  snapshot: Snapshot,
  what = 'role id',
): string | null {
  return value === null ? null : checkKnownRoleId(value, snapshot, what);
}

export function checkMfaSourceKey(value: unknown, snapshot: Snapshot): string {
  const key = checkText(value, 'MFA source');
  if (!snapshot.mfaPrompts.some((prompt) => prompt.sourceKey === key)) {
    fail('MFA source', 'is not waiting for a code');
  }
  return key;
}

const CONSOLE_MODES: Readonly<Record<ConsoleMode, true>> = { 'switch-role': true, federated: true };

export function checkConsoleMode(value: unknown): ConsoleMode {
  if (typeof value !== 'string' || !Object.hasOwn(CONSOLE_MODES, value)) {
    fail('console mode', `must be one of ${Object.keys(CONSOLE_MODES).join(', ')}`);
  }
  return value as ConsoleMode;
}

function checkSource(value: unknown, snapshot: Snapshot): RoleSource {
  const record = checkRecord(value, 'source');
  switch (record.kind) {
    case 'profile':
      rejectUnknownKeys(record, { kind: true, profile: true }, 'source');
      return { kind: 'profile', profile: checkText(record.profile, 'source profile') };
    case 'role':
      rejectUnknownKeys(record, { kind: true, roleId: true }, 'source');
      return { kind: 'role', roleId: checkKnownRoleId(record.roleId, snapshot, 'source role') };
    case 'keys':
      rejectUnknownKeys(record, { kind: true, name: true }, 'source');
      return { kind: 'keys', name: checkText(record.name, 'keychain source') };
    case 'default':
      rejectUnknownKeys(record, { kind: true }, 'source');
      return { kind: 'default' };
    case 'sso':
      // A synced role's source comes back unchanged when its label, colour or
      // profile is edited; the catalog checks each part (and the ARN) properly.
      rejectUnknownKeys(
        record,
        { kind: true, session: true, accountId: true, roleName: true },
        'source',
      );
      return {
        kind: 'sso',
        session: checkText(record.session, 'Identity Center session'),
        accountId: checkText(record.accountId, 'account'),
        roleName: checkText(record.roleName, 'permission set'),
      };
    default:
      return fail('source kind', 'must be one of profile, role, keys, default, sso');
  }
}

type FormField = 'text' | 'text?' | 'number?' | 'texts?' | 'source' | 'browser?';

/** `{ browser, profileDirectory? }` as text; the catalog checks what they mean. */
function checkBrowserSetting(value: unknown, what: string): ConsoleBrowserSetting {
  const record = checkRecord(value, what);
  rejectUnknownKeys(record, { browser: true, profileDirectory: true }, what);
  return {
    browser: checkText(record.browser, `${what} browser`),
    ...(record.profileDirectory === undefined
      ? {}
      : { profileDirectory: checkText(record.profileDirectory, `${what} profile directory`) }),
  };
}

/** Every RoleForm field; the Record type makes a new model field a compile error here. */
const FORM_FIELDS = {
  label: 'text',
  roleArn: 'text',
  profile: 'text',
  source: 'source',
  externalId: 'text?',
  sessionName: 'text?',
  durationSeconds: 'number?',
  region: 'text?',
  mfaSerial: 'text?',
  color: 'text?',
  group: 'text?',
  tags: 'texts?',
  console: 'browser?',
} as const satisfies { readonly [K in keyof Required<RoleForm>]: FormField };

export function checkRoleForm(value: unknown, snapshot: Snapshot): RoleForm {
  const record = checkRecord(value, 'role form');
  rejectUnknownKeys(record, FORM_FIELDS, 'role form');
  const form: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(FORM_FIELDS) as [string, FormField][]) {
    const item = record[key];
    const what = `role form field "${key}"`;
    if (item === undefined) {
      if (!field.endsWith('?')) fail(what, 'is missing');
      continue;
    }
    switch (field) {
      case 'text':
      case 'text?':
        form[key] = checkText(item, what);
        break;
      case 'number?':
        form[key] = checkNumber(item, what);
        break;
      case 'texts?':
        form[key] = checkTextList(item, what);
        break;
      case 'source':
        form[key] = checkSource(item, snapshot);
        break;
      case 'browser?':
        form[key] = checkBrowserSetting(item, what);
        break;
      default: {
        const never: never = field;
        throw new Error(`unknown form field kind ${String(never)}`);
      }
    }
  }
  return form as unknown as RoleForm;
}

const SETTINGS_FIELDS = {
  refreshMarginSeconds: checkNumber,
  removeExpiredProfiles: checkBoolean,
  launchAtLogin: checkBoolean,
  shortcut: checkText,
  auditRetentionMonths: checkNumber,
  consoleBrowser: checkBrowserSetting,
  recentServices: checkTextList,
} as const satisfies {
  readonly [K in keyof Settings]: (value: unknown, what: string) => Settings[K];
};

export function checkSettingsPatch(value: unknown): Partial<Settings> {
  const record = checkRecord(value, 'settings');
  rejectUnknownKeys(record, SETTINGS_FIELDS, 'settings');
  const patch: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(SETTINGS_FIELDS)) {
    const item = record[key];
    if (item !== undefined) patch[key] = check(item, `setting "${key}"`);
  }
  return patch as Partial<Settings>;
}
