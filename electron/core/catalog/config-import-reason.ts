import { isDeepStrictEqual } from 'node:util';
import type { InputError } from '../../../shared/input-error';
import type { RoleEntry } from '../../../shared/model';
import { ROLE_FIELDS, SOURCE_FIELDS } from './check-role';

const MAX_LABEL = 64;

/** Field names in errors → the config keys the user has to fix. */
const CONFIG_KEY_FOR_FIELD: Readonly<Record<string, string>> = {
  [ROLE_FIELDS.roleArn]: 'role_arn',
  [ROLE_FIELDS.externalId]: 'external_id',
  [ROLE_FIELDS.sessionName]: 'role_session_name',
  [ROLE_FIELDS.durationSeconds]: 'duration_seconds',
  [ROLE_FIELDS.region]: 'region',
  [ROLE_FIELDS.mfaSerial]: 'mfa_serial',
  [SOURCE_FIELDS.profile]: 'source_profile',
  [SOURCE_FIELDS.role]: 'source_profile',
  [SOURCE_FIELDS.ssoSession]: 'sso_session',
  [SOURCE_FIELDS.ssoAccountId]: 'sso_account_id',
  [SOURCE_FIELDS.ssoRoleName]: 'sso_role_name',
  [ROLE_FIELDS.importedFrom]: 'profile name',
  [ROLE_FIELDS.label]: 'profile name',
  [ROLE_FIELDS.profile]: 'target profile',
};

/** A config profile's name as a label: cut to 64 characters with "…". */
export function labelFor(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_LABEL ? name : `${chars.slice(0, MAX_LABEL - 1).join('')}…`;
}

/** "role ARN: x is not an ARN; …" → "role_arn: x is not an ARN; …". */
export function reasonFrom(error: InputError): string {
  const key = CONFIG_KEY_FOR_FIELD[error.field];
  const head = `${error.field}: `;
  if (key === undefined || !error.message.startsWith(head)) return error.message;
  return `${key}: ${error.message.slice(head.length)}`;
}

export function changedFields(before: RoleEntry, after: RoleEntry): (keyof RoleEntry)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof RoleEntry>;
  return [...keys].filter((key) => !isDeepStrictEqual(before[key], after[key]));
}
