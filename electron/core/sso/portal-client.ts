import { SSOClient } from '@aws-sdk/client-sso';
import { callDeadlineMs, DEFAULT_REQUEST_TIMEOUT_MS } from '../sts/call-deadline';
import { classifyPortalError, type PortalErrorContext } from './portal-errors';
import { SsoError, type SsoSignInNeeded } from './sso-errors';

/** How a portal client is reached; every field but region is optional. */
export interface PortalConnection {
  /** The sso_region of the session (the portal is regional). */
  readonly region: string;
  /**
   * A portal endpoint URL. Left out, the SDK resolves AWS_ENDPOINT_URL_SSO,
   * AWS_ENDPOINT_URL or the profile's `services` section itself.
   */
  readonly endpoint?: string;
  /** PEM certificate authorities that replace Node's list (AWS_CA_BUNDLE). */
  readonly ca?: string;
  /** Per-request socket timeout (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** The whole of one call (default: the request timeout; one attempt). */
  readonly deadlineMs?: number;
}

/**
 * The SDK's SSO client with one attempt per call: we retry ourselves (with
 * backoff that knows about the other calls of a sync), so the SDK's own
 * retries would only multiply the load on a throttling portal.
 */
export function createPortalClient(connection: PortalConnection): SSOClient {
  const requestTimeout = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return new SSOClient({
    region: connection.region,
    maxAttempts: 1,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    requestHandler: {
      requestTimeout,
      connectionTimeout: Math.min(requestTimeout, 5_000),
      throwOnRequestTimeout: true,
      ...(connection.ca === undefined
        ? {}
        : { httpsAgent: { keepAlive: true, ca: connection.ca } }),
    },
  });
}

/**
 * One SDK call under an overall deadline (the SDK's request timeout idles:
 * every byte resets it) and the caller's signal. Whatever fails comes back
 * classified: SsoSignInNeeded or SsoError. An abort by the caller is thrown
 * as the signal's reason, untouched, so a stopping engine sees its own abort.
 */
export async function sendToPortal<T>(
  connection: PortalConnection,
  context: PortalErrorContext,
  signal: AbortSignal | undefined,
  run: (options: { abortSignal: AbortSignal }) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  const deadlineMs = callDeadlineMs({
    deadlineMs: connection.deadlineMs,
    maxAttempts: 1,
    requestTimeoutMs: connection.requestTimeoutMs,
  });
  const deadline = AbortSignal.timeout(deadlineMs);
  const abortSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
  try {
    return await run({ abortSignal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (deadline.aborted) {
      throw new SsoError(
        'retryable',
        'TimeoutError',
        `IAM Identity Center portal, ${context.action}: no complete answer within ${deadlineMs / 1000} s`,
      );
    }
    throw classifyPortalError(error, context) satisfies SsoError | SsoSignInNeeded;
  }
}
