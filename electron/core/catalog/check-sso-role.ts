import { checkText, inputError, requireText } from '../../../shared/check-text';
import type { RoleEntry, RoleSource } from '../../../shared/model';
import { quoteValue } from '../../../shared/quote-value';
import { parseRoleArn } from '../../../shared/role-arn';
import { checkProfileName } from '../../../shared/validate';

type SsoSource = Extract<RoleSource, { kind: 'sso' }>;

/** The names an Identity Center source's parts are reported under (the role form uses the same). */
export const SSO_SOURCE_FIELDS = {
  session: 'Identity Center session',
  accountId: 'account',
  roleName: 'permission set',
} as const;

const ACCOUNT_ID = /^[0-9]{12}$/;

/**
 * The portal's role name is the permission set's name (1–32 characters of
 * [\w+=,.@-]); it is checked against the wider IAM role-name rule (1–64 of the
 * same characters), so a longer name AWS may allow later is not refused here.
 */
const ROLE_NAME_RULE = {
  min: 1,
  max: 64,
  allowed: /^[\w+=,.@-]$/,
  allowedText: 'letters, digits and _ + = , . @ -',
} as const;

export function checkSsoAccountId(value: unknown, field: string = SSO_SOURCE_FIELDS.accountId) {
  const fix = 'use the 12-digit account ID, leading zeros included';
  const id = requireText(value, field, fix);
  if (!ACCOUNT_ID.test(id)) {
    throw inputError(field, id === '' ? 'is empty' : `${quoteValue(id)} is not 12 digits`, fix);
  }
  return id;
}

export function checkSsoRoleName(value: unknown, field: string = SSO_SOURCE_FIELDS.roleName) {
  return checkText(value, field, ROLE_NAME_RULE);
}

/** `{ kind: 'sso', session, accountId, roleName }` with each part checked. */
export function checkSsoSource(value: Record<string, unknown>): SsoSource {
  return {
    kind: 'sso',
    // The name of an [sso-session NAME] section: the same characters as a profile name.
    session: checkProfileName(value.session, SSO_SOURCE_FIELDS.session),
    accountId: checkSsoAccountId(value.accountId),
    roleName: checkSsoRoleName(value.roleName),
  };
}

/**
 * The fields an Identity Center role cannot use, and why: its session comes
 * from the portal's GetRoleCredentials, which takes none of AssumeRole's
 * parameters and decides the session length itself (the permission set's).
 */
const NOT_FOR_SSO: Readonly<Partial<Record<keyof RoleEntry, string>>> = {
  externalId: 'an Identity Center role is not assumed with an external ID',
  mfaSerial: 'Identity Center asks for MFA when you sign in, not per role',
  sessionName: 'Identity Center names the session after your sign-in user',
  durationSeconds: "the permission set's session duration decides how long the session lasts",
};

/**
 * The rules for one role that involve its Identity Center source (or its
 * absence): no AssumeRole-only fields on an sso role, an ARN that names the
 * source's own account and role, and `notGrantedSince` on sso roles only.
 */
export function checkSsoRoleFields(entry: RoleEntry, fields: Record<keyof RoleEntry, string>) {
  const { source } = entry;
  if (source.kind !== 'sso') {
    if (entry.notGrantedSince !== undefined) {
      throw inputError(
        fields.notGrantedSince,
        'is only for Identity Center roles (a sync sets it)',
        'remove it',
      );
    }
    return;
  }
  for (const [key, reason] of Object.entries(NOT_FOR_SSO) as [keyof RoleEntry, string][]) {
    if (entry[key] !== undefined)
      throw inputError(fields[key], `is not used: ${reason}`, 'remove it');
  }
  const arn = parseRoleArn(entry.roleArn, fields.roleArn);
  if (arn.accountId !== source.accountId || arn.roleName !== source.roleName || arn.path !== '/') {
    const expected = `arn:${arn.partition}:iam::${source.accountId}:role/${source.roleName}`;
    throw inputError(
      fields.roleArn,
      `${quoteValue(entry.roleArn)} does not match the Identity Center account and permission set`,
      `use ${expected}`,
    );
  }
}

/** `notGrantedSince`: a whole number of epoch milliseconds. */
export function checkNotGrantedSince(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw inputError(
      field,
      `${quoteValue(String(value))} is not a time`,
      'use whole milliseconds since 1970, or remove it',
    );
  }
  return value;
}
