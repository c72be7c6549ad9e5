import type { AccountName } from '../../shared/account-name';
import type { ConsoleBrowserSetting } from '../../shared/console-browser';
import type {
  MfaPromptView,
  RenewalView,
  RoleEntry,
  RoleSource,
  RoleView,
  SessionErrorView,
  Settings,
  ShortcutStatus,
  SignInPromptView,
  Snapshot,
} from '../../shared/model';

/**
 * The snapshot exactly as the model declares it, rebuilt field by field from
 * allow-lists before it crosses to the renderer. The engine already sends
 * views without secrets; this makes sure nothing it might carry besides (a
 * stray field, a credentials object after some refactor, a Secret) ever
 * reaches the page. Each list is a Record over the model's keys, so a field
 * added to the model does not compile until it is listed here.
 */
export type Field = 'plain' | 'strings' | ((value: unknown) => unknown);
export type Fields<T> = { readonly [K in keyof Required<T>]: Field };

function plain(value: unknown, key: string): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  throw new Error(`snapshot field "${key}" is not a plain value; refusing to send it`);
}

function list(value: unknown, key: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new Error(`snapshot field "${key}" is not a list; refusing to send it`);
}

export function copy<T>(value: unknown, fields: Fields<T>): T {
  if (typeof value !== 'object' || value === null) {
    throw new Error('snapshot part is not an object; refusing to send it');
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields) as [string, Field][]) {
    const item = source[key];
    if (item === undefined) continue;
    if (field === 'plain') out[key] = plain(item, key);
    else if (field === 'strings') out[key] = list(item, key).map((entry) => plain(entry, key));
    else out[key] = field(item);
  }
  return out as T;
}

const SOURCE_FIELDS: {
  readonly [K in RoleSource['kind']]: Fields<Extract<RoleSource, { kind: K }>>;
} = {
  profile: { kind: 'plain', profile: 'plain' },
  role: { kind: 'plain', roleId: 'plain' },
  keys: { kind: 'plain', name: 'plain' },
  default: { kind: 'plain' },
  sso: { kind: 'plain', session: 'plain', accountId: 'plain', roleName: 'plain' },
};

function projectSource(value: unknown): RoleSource {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(SOURCE_FIELDS, kind)) {
    throw new Error('snapshot role source has an unknown kind; refusing to send it');
  }
  return copy<RoleSource>(value, SOURCE_FIELDS[kind as RoleSource['kind']] as Fields<RoleSource>);
}

const BROWSER_FIELDS = {
  browser: 'plain',
  profileDirectory: 'plain',
} as const satisfies Fields<ConsoleBrowserSetting>;

const projectBrowser = (value: unknown) => copy<ConsoleBrowserSetting>(value, BROWSER_FIELDS);

const ROLE_FIELDS = {
  id: 'plain',
  label: 'plain',
  roleArn: 'plain',
  profile: 'plain',
  source: projectSource,
  externalId: 'plain',
  sessionName: 'plain',
  durationSeconds: 'plain',
  region: 'plain',
  mfaSerial: 'plain',
  color: 'plain',
  group: 'plain',
  tags: 'strings',
  importedFrom: 'plain',
  notGrantedSince: 'plain',
  subscription: 'plain',
  console: projectBrowser,
} as const satisfies Fields<RoleEntry>;

const ERROR_FIELDS = {
  kind: 'plain',
  code: 'plain',
  message: 'plain',
  retryAt: 'plain',
} as const satisfies Fields<SessionErrorView>;

// Both kinds in one list: a 'renews' view has no `at` or `reason`, so copy leaves them out.
const RENEWAL_FIELDS = {
  kind: 'plain',
  at: 'plain',
  reason: 'plain',
} as const satisfies Fields<Extract<RenewalView, { kind: 'lapses' }>>;
const ACCOUNT_FIELDS = {
  alias: 'plain',
  color: 'plain',
  aliasFrom: 'plain',
  subscription: 'plain',
} as const satisfies Fields<AccountName>;

const VIEW_FIELDS = {
  role: (value) => copy<RoleEntry>(value, ROLE_FIELDS),
  state: 'plain',
  expiresAt: 'plain',
  isDefault: 'plain',
  chained: 'plain',
  error: (value) => copy<SessionErrorView>(value, ERROR_FIELDS),
  renewal: (value) => copy<RenewalView>(value, RENEWAL_FIELDS),
  account: (value) => copy<AccountName>(value, ACCOUNT_FIELDS),
} as const satisfies Fields<RoleView>;

const PROMPT_FIELDS = {
  sourceKey: 'plain',
  mfaSerial: 'plain',
  waitingRoleIds: 'strings',
} as const satisfies Fields<MfaPromptView>;

const SIGN_IN_FIELDS = {
  session: 'plain',
  waitingRoleIds: 'strings',
} as const satisfies Fields<SignInPromptView>;

const SETTINGS_FIELDS = {
  refreshMarginSeconds: 'plain',
  removeExpiredProfiles: 'plain',
  launchAtLogin: 'plain',
  shortcut: 'plain',
  auditRetentionMonths: 'plain',
  consoleBrowser: projectBrowser,
  recentServices: 'strings',
} as const satisfies Fields<Settings>;

const REFRESHER_FIELDS = {
  active: 'plain',
  heldBy: 'plain',
} as const satisfies Fields<Snapshot['refresher']>;

const SHORTCUT_FIELDS = {
  accelerator: 'plain',
  registered: 'plain',
  reason: 'plain',
} as const satisfies Fields<ShortcutStatus>;

const SNAPSHOT_FIELDS = {
  roles: (value) => list(value, 'roles').map((view) => copy<RoleView>(view, VIEW_FIELDS)),
  defaultRoleId: 'plain',
  mfaPrompts: (value) =>
    list(value, 'mfaPrompts').map((prompt) => copy<MfaPromptView>(prompt, PROMPT_FIELDS)),
  signInPrompts: (value) =>
    list(value, 'signInPrompts').map((prompt) => copy<SignInPromptView>(prompt, SIGN_IN_FIELDS)),
  settings: (value) => copy<Settings>(value, SETTINGS_FIELDS),
  refresher: (value) => copy<Snapshot['refresher']>(value, REFRESHER_FIELDS),
  shortcutStatus: (value) => copy<ShortcutStatus>(value, SHORTCUT_FIELDS),
} as const satisfies Fields<Snapshot>;

/**
 * A fresh, plain copy of `snapshot` holding only the model's fields. Throws on
 * anything else. `shortcut`: the shell's word on the global shortcut, added.
 */
export function projectSnapshot(snapshot: Snapshot, shortcut?: ShortcutStatus): Snapshot {
  return copy<Snapshot>(
    shortcut ? { ...snapshot, shortcutStatus: shortcut } : snapshot,
    SNAPSHOT_FIELDS,
  );
}
