import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { callDeadlineMs } from '../sts/call-deadline';
import { SsoError } from './sso-errors';

/** Every OIDC call's settings. */
export interface OidcCallOptions {
  readonly region: string;
  /** Aborts the call (a cancelled sign-in, a stopping engine). */
  readonly signal?: AbortSignal | undefined;
  /** PEM certificate authorities that replace Node's list (AWS_CA_BUNDLE, ca_bundle). */
  readonly ca?: string | undefined;
  /** An endpoint URL; left out, the SDK follows AWS_ENDPOINT_URL_SSO_OIDC itself. */
  readonly endpoint?: string | undefined;
  /** The whole of one call; default one attempt's timeout (10 s). */
  readonly deadlineMs?: number | undefined;
}

/** The code of the SsoError a cancelled call or sign-in ends with. */
export const CANCELLED = 'Cancelled';

export const OIDC_SERVICE = 'the Identity Center OIDC service';

/**
 * A client for one flow: one attempt per call (a flow polls or retries on its
 * own terms), idle timeouts that throw, and the CA bundle, as STS calls have.
 */
export function oidcClient(options: OidcCallOptions): SSOOIDCClient {
  const requestTimeout = 10_000;
  return new SSOOIDCClient({
    region: options.region,
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    requestHandler: {
      requestTimeout,
      connectionTimeout: 5_000,
      throwOnRequestTimeout: true,
      ...(options.ca === undefined ? {} : { httpsAgent: { keepAlive: true, ca: options.ca } }),
    },
  });
}

export function cancelled(what: string): SsoError {
  return new SsoError('needs-user', CANCELLED, `${what} was cancelled`);
}

/**
 * One command under an overall deadline and the caller's signal. An AWS error
 * is rethrown as the SDK made it (callers read its name); a cancel or a
 * deadline becomes an SsoError.
 */
export async function sendOidc<T>(
  options: OidcCallOptions,
  what: string,
  run: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadlineMs = callDeadlineMs({ deadlineMs: options.deadlineMs, maxAttempts: 1 });
  if (options.signal?.aborted) throw cancelled(what);
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    return await run(signal);
  } catch (error) {
    if (options.signal?.aborted) throw cancelled(what);
    if (deadline.aborted) {
      throw new SsoError(
        'retryable',
        'TimeoutError',
        `no complete answer from ${OIDC_SERVICE} within ${deadlineMs / 1000} s (${what})`,
      );
    }
    throw error;
  }
}
