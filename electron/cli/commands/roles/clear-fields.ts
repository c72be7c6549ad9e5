import { InputError } from '../../../../shared/input-error';
import { quoteValue } from '../../../../shared/quote-value';
import type { RolePatch } from '../../../core/catalog/role-input';

/** What `--clear NAME` unsets, by the name of the option that sets it. */
const CLEARABLE = {
  'external-id': 'externalId',
  'session-name': 'sessionName',
  duration: 'durationSeconds',
  region: 'region',
  'mfa-serial': 'mfaSerial',
  color: 'color',
  group: 'group',
  tag: 'tags',
  source: 'source',
  'console-browser': 'console',
} as const satisfies Record<string, keyof RolePatch>;

export type ClearableName = keyof typeof CLEARABLE;

/** The options each clearable name conflicts with when both are given. */
export const SETTING_OPTIONS: Readonly<Record<ClearableName, readonly string[]>> = {
  'external-id': ['external-id'],
  'session-name': ['session-name'],
  duration: ['duration'],
  region: ['region'],
  'mfa-serial': ['mfa-serial'],
  color: ['color'],
  group: ['group'],
  tag: ['tag'],
  source: ['source-profile', 'source-role', 'source-keys'],
  'console-browser': ['console-browser', 'chromium-profile'],
};

const NAMES = Object.keys(CLEARABLE).join(', ');

/** Checks `--clear` values (option names, with or without "--"; "tags" for "tag"). */
export function readClearNames(values: readonly string[]): ClearableName[] {
  const names = new Set<ClearableName>();
  for (const value of values) {
    const name = value.replace(/^--/, '').replace(/^tags$/, 'tag');
    if (!Object.hasOwn(CLEARABLE, name)) {
      throw new InputError(
        '--clear',
        `--clear: ${quoteValue(value)} is not an optional field; use one of ${NAMES}`,
      );
    }
    names.add(name as ClearableName);
  }
  return [...names];
}

/** The patch that unsets `names`: null clears a field, no source means the SDK's default chain. */
export function clearPatch(names: readonly ClearableName[]): RolePatch {
  const patch: Record<string, unknown> = {};
  for (const name of names) {
    const field = CLEARABLE[name];
    patch[field] = field === 'source' ? { kind: 'default' } : null;
  }
  return patch as RolePatch;
}
