import { isoTime } from '../../../shared/iso-time';

/**
 * Key names in a profile section. The `x_switchyard_*` keys mark a section as
 * ours; botocore and the JS SDK ignore keys they do not know.
 */

export const ACCESS_KEY_ID_KEY = 'aws_access_key_id';
export const SECRET_ACCESS_KEY_KEY = 'aws_secret_access_key';
export const SESSION_TOKEN_KEY = 'aws_session_token';
/** botocore's legacy name for the session token; we drop it so it cannot hold a stale token. */
export const SECURITY_TOKEN_KEY = 'aws_security_token';
/** Both SDKs assume this role instead of using a profile's keys. */
export const ROLE_ARN_KEY = 'role_arn';

/**
 * Keys with which a profile gets its credentials some other way: an SDK that
 * finds one (in either file; both merge a profile's keys) ignores the
 * profile's aws_access_key_id. Checked against botocore 1.43 / AWS CLI 2.9, the
 * JS SDK v3 and the Java SDK v2 (the strictest: any of these wins there); the
 * value says who prefers it, for the refusal message.
 */
export const CREDENTIAL_SOURCE_KEYS: ReadonlyArray<readonly [key: string, effect: string]> = [
  [ROLE_ARN_KEY, 'the AWS CLI and SDKs would assume that role'],
  ['web_identity_token_file', 'the AWS CLI, boto3 and the Java SDK would use that token'],
  ['sso_account_id', 'the AWS CLI and SDKs would sign in through SSO'],
  ['sso_role_name', 'the AWS CLI and SDKs would sign in through SSO'],
  ['sso_session', 'the AWS SDK for Java would sign in through SSO'],
  ['sso_start_url', 'the AWS SDK for Java would sign in through SSO'],
  ['sso_region', 'the AWS SDK for Java would sign in through SSO'],
  ['credential_process', 'the AWS SDK for Java would run that process'],
  ['login_session', 'the AWS SDK for Java would use that console sign-in'],
];

export const EXPIRES_KEY = 'x_switchyard_expires';
export const ROLE_ARN_MARKER_KEY = 'x_switchyard_role_arn';
export const MANAGED_KEY = 'x_switchyard_managed';
export const MANAGED_VALUE = 'true';

/**
 * What removing a managed profile deletes: the keys Switchyard writes, and only
 * those. A section it adopted keeps the user's region, nested blocks and comments.
 */
export const WRITTEN_KEYS: readonly string[] = [
  ACCESS_KEY_ID_KEY,
  SECRET_ACCESS_KEY_KEY,
  SESSION_TOKEN_KEY,
  'x_switchyard_*',
];

/** ISO 8601 UTC with seconds, no milliseconds: 2026-11-22T12:34:56Z. Rounds down, never later. */
export function formatExpiry(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError('expiry must be a finite epoch-ms number');
  return isoTime(Math.floor(epochMs / 1000) * 1000).replace('.000Z', 'Z');
}

/** Epoch ms, or undefined when the value is not an ISO 8601 UTC timestamp. */
export function parseExpiry(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
