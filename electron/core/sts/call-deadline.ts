/** The SDK's defaults for an STS call: 3 attempts, a 10 s request timeout each. */
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * The overall deadline of one call (every attempt, and a second between
 * attempts for the retry pause), unless one is given. One rule for the SDK
 * gateway, the direct signer and source resolution, so a credential_process
 * gets as long as the STS call it feeds.
 */
export function callDeadlineMs(options: {
  readonly deadlineMs?: number | undefined;
  readonly maxAttempts?: number | undefined;
  readonly requestTimeoutMs?: number | undefined;
}): number {
  const attempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return options.deadlineMs ?? attempts * timeout + (attempts - 1) * 1000;
}

/**
 * Milliseconds on a monotonic clock, for deadlines of real sockets. Not
 * `performance.now()`: its first use loads perf_hooks (ten of Node's modules),
 * a cost on every cold `switchyard assume`.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
