import { SsoError, SsoSignInNeeded } from './sso-errors';

/**
 * What a failed portal call means: 401 is a sign-in (the token is no good,
 * whatever the cache says), 429, 5xx, timeouts and network faults are worth
 * another try, 403 is a role no longer assigned (a person must act), 400/404
 * are requests retrying cannot mend.
 */

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

const TLS_TRUST_CODES = new Set([
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

/** Node's socket and DNS codes (ECONNRESET, ENOTFOUND, …) and undici's. */
const NETWORK_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/;

const RETRYABLE_NAMES = new Set([
  'TooManyRequestsException',
  'TimeoutError',
  'RequestTimeout',
  'InternalServerException',
  'ServiceUnavailableException',
  'InternalFailure',
]);

export interface PortalErrorContext {
  /** The sso-session the call was made for (named in SsoSignInNeeded). */
  readonly session: string;
  /** What was being done, e.g. `GetRoleCredentials for Admin in 111111111111`. */
  readonly action: string;
  /** Values that must never reach a message (the access token). */
  readonly secrets?: readonly string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function causeCode(error: unknown, match: (code: string) => boolean): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = text((e as SdkErrorShape).code);
    if (code && match(code)) return code;
    e = (e as SdkErrorShape).cause;
  }
  return undefined;
}

/** One line, and no secret even if a server (or a proxy) echoed one. */
function clean(message: string, secrets: readonly string[]): string {
  let out = message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

export function classifyPortalError(
  error: unknown,
  context: PortalErrorContext,
): SsoError | SsoSignInNeeded {
  if (error instanceof SsoError || error instanceof SsoSignInNeeded) return error;
  const err = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const rawStatus = err.$metadata?.httpStatusCode;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const message = clean(text(err.message) ?? String(error), context.secrets ?? []);
  const where = `IAM Identity Center portal, ${context.action}`;

  const tls = causeCode(error, (c) => TLS_TRUST_CODES.has(c));
  if (tls) {
    return new SsoError(
      'needs-user',
      tls,
      `${where}: the TLS certificate is not trusted (${tls}); if a proxy inspects TLS, set AWS_CA_BUNDLE to a PEM file with its certificate authority`,
      status,
    );
  }
  const code = text(err.name) ?? 'Unknown';
  if (code === 'UnauthorizedException' || status === 401) {
    return new SsoSignInNeeded(
      context.session,
      `the portal refused the access token (${code}: ${message})`,
    );
  }
  const net = status === undefined ? causeCode(error, (c) => NETWORK_CODE.test(c)) : undefined;
  if (net) {
    return new SsoError('retryable', net, `${where}: network error (${net}): ${message}`);
  }
  if (RETRYABLE_NAMES.has(code) || status === 429 || (status !== undefined && status >= 500)) {
    return new SsoError('retryable', code, `${where}: ${code}: ${message}`, status);
  }
  if (code === 'ForbiddenException' || status === 403) {
    return new SsoError(
      'needs-user',
      code,
      `${where}: ${code}: ${message} (the role is not assigned to you, or no longer is: run sso sync)`,
      status,
    );
  }
  if (status !== undefined && status >= 400) {
    return new SsoError('invalid-request', code, `${where}: ${code}: ${message}`, status);
  }
  // A 2xx the SDK could not parse (a proxy's page, a truncated body) is transient.
  return new SsoError(
    'retryable',
    status === undefined ? code : 'MalformedResponse',
    `${where}: unreadable answer (${code}: ${message})`,
    status,
  );
}
