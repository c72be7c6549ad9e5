/**
 * What a failed STS call means for the caller:
 * - retryable: throttling, 5xx, timeouts, network faults, garbled responses; try again later
 * - needs-user: the source credentials or the MFA code are not accepted; a person must act
 * - invalid-request: the request itself is wrong (duration, policy, region); retrying cannot help
 */
export type StsErrorKind = 'retryable' | 'needs-user' | 'invalid-request';

export class StsError extends Error {
  override readonly name = 'StsError';

  constructor(
    readonly kind: StsErrorKind,
    /** AWS's error code (e.g. "AccessDenied"), or a network code such as "ECONNREFUSED". */
    readonly code: string,
    message: string,
    readonly httpStatus: number | undefined,
    /** True when the failure is a bad or missing MFA code: the UI asks for a new one. */
    readonly mfaFailed = false,
  ) {
    super(message);
  }
}

// Codes the SDKs retry (smithy-typescript service-error-classification, botocore _retry.json).
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const TRANSIENT_CODES = new Set([
  'RequestTimeout',
  'RequestTimeoutException',
  'IDPCommunicationError',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
]);
/** Node's and undici's codes for a connection that failed: worth another try. Shared with the SSO clients. */
export const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Node's codes for a TLS certificate it does not trust: a setting to fix, not a fault to retry. */
export const TLS_TRUST_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const NEEDS_USER_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
]);
const INVALID_REQUEST_CODES = new Set([
  'ValidationError',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
  'RegionDisabledException',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'MissingParameter',
  'InvalidAction',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
  cause?: unknown;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The first of `codes` on the error or its causes (the SDK wraps Node's socket errors). */
export function networkCode(err: unknown, codes: ReadonlySet<string>): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = stringField((e as SdkErrorShape).code);
    if (code && codes.has(code)) return code;
    e = (e as SdkErrorShape).cause;
  }
  return undefined;
}

function hint(code: string, message: string): string {
  if (code === 'SignatureDoesNotMatch' && /signature expired/i.test(message)) {
    return "; this machine's clock is more than 15 minutes off: sync it (NTP) and try again";
  }
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') {
    return '; the source credentials have expired: refresh them and try again';
  }
  if (code === 'InvalidClientTokenId') {
    return '; the source access key is unknown or deleted (or a global-endpoint token used in an opt-in region)';
  }
  if (code === 'CredentialsProviderError') {
    return '; configure source credentials (--source-profile, AWS_PROFILE, or environment keys)';
  }
  return '';
}

/**
 * Maps anything the SDK (or the network below it) throws to an StsError, keeping
 * AWS's own message. Messages from AWS never carry secrets; we add none.
 */
export function classifyStsError(error: unknown): StsError {
  if (error instanceof StsError) return error;
  const err = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const rawStatus = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const message = stringField(err.message) ?? String(error);
  const tls = networkCode(err, TLS_TRUST_CODES);
  if (tls) {
    return new StsError(
      'needs-user',
      tls,
      `STS's TLS certificate is not trusted (${tls}): ${message}; if a proxy inspects TLS, set AWS_CA_BUNDLE (or ca_bundle in ~/.aws/config) to a PEM file with its certificate authority`,
      status,
    );
  }
  const net = networkCode(err, NETWORK_CODES);
  if (net) {
    return new StsError(
      'retryable',
      net,
      `network error talking to STS (${net}): ${message}`,
      status,
    );
  }
  const code = stringField(err.Code) ?? stringField(err.name) ?? stringField(err.code) ?? 'Unknown';

  if (code === 'AccessDenied' && /MultiFactorAuthentication/i.test(message)) {
    return new StsError('needs-user', code, `${code}: ${message}`, status, true);
  }
  if (THROTTLING_CODES.has(code) || status === 429) {
    return new StsError('retryable', code, `${code}: ${message}`, status);
  }
  if (TRANSIENT_CODES.has(code) || (status !== undefined && status >= 500)) {
    return new StsError('retryable', code, `${code}: ${message}`, status);
  }
  if (NEEDS_USER_CODES.has(code)) {
    return new StsError('needs-user', code, `${code}: ${message}${hint(code, message)}`, status);
  }
  if (INVALID_REQUEST_CODES.has(code)) {
    return new StsError('invalid-request', code, `${code}: ${message}`, status);
  }
  // A 2xx body the SDK could not parse (a proxy page, a truncated reply) is transient.
  if (
    (status !== undefined && status >= 200 && status < 300) ||
    /deserializ|parse|unexpected end|xml/i.test(message)
  ) {
    return new StsError(
      'retryable',
      'MalformedResponse',
      `STS sent an unreadable response: ${message}`,
      status,
    );
  }
  if (status !== undefined && status >= 400) {
    return new StsError('invalid-request', code, `${code}: ${message}`, status);
  }
  return new StsError('retryable', code, `${code}: ${message}`, status);
}
