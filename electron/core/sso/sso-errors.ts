import type { Secret } from '../secret';
import { NETWORK_CODES, networkCode, TLS_TRUST_CODES } from '../sts/sts-error';

/**
 * What a failed Identity Center call (OIDC service or portal) means:
 * - SsoSignInNeeded: the token is gone (refresh token expired or revoked, 401):
 *   only a person signing in again helps, once for the whole session;
 * - SsoError retryable: throttling, 5xx, timeouts, network faults; try later;
 * - SsoError needs-user: a person must act (denied, expired device code, TLS trust);
 * - SsoError invalid-request: the request is wrong; retrying cannot help.
 */
export type SsoErrorKind = 'retryable' | 'needs-user' | 'invalid-request';

export class SsoSignInNeeded extends Error {
  override readonly name = 'SsoSignInNeeded';

  constructor(
    /** The sso-session name (or start URL for a legacy profile). */
    readonly session: string,
    /** One line, no secret. */
    readonly reason: string,
  ) {
    super(`Identity Center session "${session}" needs a new sign-in: ${reason}`);
  }
}

export class SsoError extends Error {
  override readonly name = 'SsoError';

  constructor(
    readonly kind: SsoErrorKind,
    /** AWS's exception name (e.g. "SlowDownException"), or a network code. */
    readonly code: string,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'SlowDownException',
  'RequestLimitExceeded',
]);
const TRANSIENT = new Set([
  'InternalServerException',
  'InternalFailure',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const NEEDS_USER = new Set([
  'AccessDeniedException',
  'ExpiredTokenException',
  'InvalidGrantException',
  'InvalidClientException',
  'UnauthorizedException',
  'AuthorizationPendingException',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  error_description?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
  cause?: unknown;
}

function field(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * One line, at most 300 characters, with every secret the call carried cut
 * out: AWS does not echo them, but a proxy's error page might.
 */
export function safeLine(
  text: string,
  secrets: readonly (Secret | string | undefined)[] = [],
): string {
  let line = text.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) {
    const value = typeof secret === 'string' ? secret : secret?.reveal();
    if (value && value.length >= 4) line = line.split(value).join('[redacted]');
  }
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** The SDK's error, or the exception name AWS sent, as in `x-amzn-ErrorType`. */
export function ssoErrorCode(error: unknown): string | undefined {
  const err = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  return field(err.name) ?? field(err.code);
}

/**
 * Maps anything the SDK (or the network below it) throws to an SsoError.
 * `service` names the far end in messages ("the OIDC service", "the portal").
 */
export function classifySsoError(
  error: unknown,
  service: string,
  secrets: readonly (Secret | string | undefined)[] = [],
): SsoError {
  if (error instanceof SsoError) return error;
  const err = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const rawStatus = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const said = safeLine(
    field(err.error_description) ?? field(err.message) ?? String(error),
    secrets,
  );
  const tls = networkCode(err, TLS_TRUST_CODES);
  if (tls) {
    return new SsoError(
      'needs-user',
      tls,
      `${service}'s TLS certificate is not trusted (${tls}); if a proxy inspects TLS, set AWS_CA_BUNDLE to a PEM file with its certificate authority`,
      status,
    );
  }
  const net = networkCode(err, NETWORK_CODES);
  if (net) {
    return new SsoError('retryable', net, `network error talking to ${service} (${net}): ${said}`);
  }
  const code = ssoErrorCode(error) ?? 'Unknown';
  const line = `${service} said ${code}: ${said}`;
  if (THROTTLING.has(code) || status === 429) return new SsoError('retryable', code, line, status);
  if (TRANSIENT.has(code) || (status !== undefined && status >= 500)) {
    return new SsoError('retryable', code, line, status);
  }
  if (NEEDS_USER.has(code) || status === 401 || status === 403) {
    return new SsoError('needs-user', code, line, status);
  }
  // A 2xx the SDK could not read (a proxy's page, a cut answer) is transient.
  if ((status !== undefined && status < 300) || /deserializ|parse|unexpected end/i.test(said)) {
    return new SsoError('retryable', 'MalformedResponse', `${service} sent an unreadable answer`);
  }
  if (status !== undefined && status >= 400) {
    return new SsoError('invalid-request', code, line, status);
  }
  return new SsoError('retryable', code, line, status);
}
