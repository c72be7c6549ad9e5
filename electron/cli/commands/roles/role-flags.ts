import type { OptionSpecs } from '../../option-parser';
import { InputError } from '../../../../shared/input-error';
import { parseRoleArn } from '../../../../shared/role-arn';
import {
  checkColor,
  checkDisplayName,
  checkDuration,
  checkExternalId,
  checkMfaSerial,
  checkProfileName,
  checkRegion,
  checkSessionName,
} from '../../../../shared/validate';
import {
  checkConsoleBrowserSetting,
  type ConsoleBrowserSetting,
} from '../../../../shared/console-browser';
import { checkTags } from '../../../core/catalog/check-role';
import { checkKeySourceName } from '../../../core/secrets/key-source-name';
import { optionalString, type ParsedArgs } from '../../args';

/** The options `roles add` and `roles edit` share. */
export const ROLE_FLAG_OPTIONS = {
  label: { type: 'string' },
  'role-arn': { type: 'string' },
  profile: { type: 'string' },
  'source-profile': { type: 'string' },
  'source-role': { type: 'string' },
  'source-keys': { type: 'string' },
  'external-id': { type: 'string' },
  'session-name': { type: 'string' },
  duration: { type: 'string' },
  region: { type: 'string' },
  'mfa-serial': { type: 'string' },
  color: { type: 'string' },
  group: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'console-browser': { type: 'string' },
  'chromium-profile': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies OptionSpecs;

/** The source as given; a role is still a name (id or label) until looked up in the catalog. */
export type SourceFlag =
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'keys'; readonly name: string }
  | { readonly kind: 'role'; readonly ref: string };

/** The role fields given on the command line, each one checked; absent flags are undefined. */
export interface RoleFlags {
  readonly label?: string;
  readonly roleArn?: string;
  readonly profile?: string;
  readonly source?: SourceFlag;
  readonly externalId?: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly region?: string;
  readonly mfaSerial?: string;
  readonly color?: string;
  readonly group?: string;
  readonly tags?: readonly string[];
  /** Where the role's console opens (`--console-browser`, `--chromium-profile`). */
  readonly console?: ConsoleBrowserSetting;
}

/** A `multiple: true` option: its values, or undefined when it was not given. */
export function optionalStrings(
  values: ParsedArgs['values'],
  name: string,
): readonly string[] | undefined {
  const value: unknown = values[name];
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : undefined;
}

function checked<T>(
  values: ParsedArgs['values'],
  name: string,
  check: (text: string, field: string) => T,
): T | undefined {
  const text = optionalString(values, name);
  return text === undefined ? undefined : check(text, `--${name}`);
}

function readSource(values: ParsedArgs['values']): SourceFlag | undefined {
  const given = (['source-profile', 'source-role', 'source-keys'] as const).filter(
    (name) => optionalString(values, name) !== undefined,
  );
  if (given.length > 1) {
    throw new InputError(
      'source',
      `${given.map((name) => `--${name}`).join(' and ')} contradict each other; a role has one source, so give one of them`,
    );
  }
  const profile = checked(values, 'source-profile', checkProfileName);
  if (profile !== undefined) return { kind: 'profile', profile };
  const name = checked(values, 'source-keys', checkKeySourceName);
  if (name !== undefined) return { kind: 'keys', name };
  const ref = optionalString(values, 'source-role');
  if (ref === undefined) return undefined;
  if (ref.trim() === '') {
    throw new InputError('--source-role', "--source-role: is empty; give a role's id or label");
  }
  return { kind: 'role', ref };
}

function readConsoleBrowser(values: ParsedArgs['values']): ConsoleBrowserSetting | undefined {
  const browser = optionalString(values, 'console-browser');
  const profileDirectory = optionalString(values, 'chromium-profile');
  if (browser === undefined) {
    if (profileDirectory === undefined) return undefined;
    throw new InputError(
      '--chromium-profile',
      '--chromium-profile goes with --console-browser (chrome, chromium, edge, brave, vivaldi or arc)',
    );
  }
  return checkConsoleBrowserSetting(
    { browser, ...(profileDirectory !== undefined ? { profileDirectory } : {}) },
    '--console-browser',
  );
}

/** Checks every role flag that was given, naming the flag in any error. */
export function readRoleFlags(values: ParsedArgs['values']): RoleFlags {
  const tags = optionalStrings(values, 'tag');
  return {
    label: checked(values, 'label', checkDisplayName),
    roleArn: checked(values, 'role-arn', (text, field) => parseRoleArn(text, field).arn),
    profile: checked(values, 'profile', checkProfileName),
    source: readSource(values),
    externalId: checked(values, 'external-id', checkExternalId),
    sessionName: checked(values, 'session-name', checkSessionName),
    durationSeconds: checked(values, 'duration', checkDuration),
    region: checked(values, 'region', checkRegion),
    mfaSerial: checked(values, 'mfa-serial', checkMfaSerial),
    color: checked(values, 'color', checkColor),
    group: checked(values, 'group', checkDisplayName),
    tags: tags === undefined ? undefined : checkTags(tags, '--tag'),
    console: readConsoleBrowser(values),
  };
}
