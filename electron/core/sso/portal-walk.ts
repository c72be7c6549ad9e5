import { setMaxListeners } from 'node:events';
import { AdaptiveLimiter } from './portal-limiter';
import {
  abortableSleep,
  DEFAULT_PORTAL_BACKOFF,
  portalRetryDelayMs,
  type PortalBackoffPolicy,
} from './portal-backoff';
import { SsoError } from './sso-errors';

/**
 * The walk over every assignment: ListAccounts page by page, and for each
 * account ListAccountRoles page by page, all through one adaptive limit on
 * calls in flight. Role listings start as soon as their account's page
 * arrives, and the next page of accounts jumps the queue, so the limit stays
 * full and the walk takes about calls / concurrency round trips.
 *
 * Separate from the SDK (a `PortalPort` does the calls) so the loop is tested
 * without HTTP.
 */

export interface PortalPage<T> {
  readonly items: readonly T[];
  readonly nextToken?: string | undefined;
}

export interface PortalAccountInfo {
  readonly accountId: string;
  readonly accountName: string;
}

/** One call each; failures come back as SsoError / SsoSignInNeeded. */
export interface PortalPort {
  listAccounts(
    nextToken: string | undefined,
    signal: AbortSignal,
  ): Promise<PortalPage<PortalAccountInfo>>;
  listAccountRoles(
    accountId: string,
    nextToken: string | undefined,
    signal: AbortSignal,
  ): Promise<PortalPage<string>>;
}

export interface WalkOptions {
  /** Most calls in flight (the limit adapts below it when the portal throttles). */
  readonly concurrency: number;
  readonly signal?: AbortSignal | undefined;
  readonly backoff?: PortalBackoffPolicy;
  /** Pause between attempts (tests pass one that records and returns at once). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export interface WalkedAccount extends PortalAccountInfo {
  readonly roles: string[];
}

export interface WalkResult {
  /** In the portal's order: accounts as listed, each with its roles as listed. */
  readonly accounts: readonly WalkedAccount[];
  readonly calls: number;
  /** The most calls that were in flight at once. */
  readonly peakConcurrency: number;
  readonly throttled: number;
}

function isThrottle(error: unknown): boolean {
  return (
    error instanceof SsoError &&
    (error.code === 'TooManyRequestsException' || error.httpStatus === 429)
  );
}

export async function walkAssignments(port: PortalPort, options: WalkOptions): Promise<WalkResult> {
  const limiter = new AdaptiveLimiter(options.concurrency);
  const policy = options.backoff ?? DEFAULT_PORTAL_BACKOFF;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const inner = new AbortController();
  // Every queued call listens on it (a sync of 1,000 accounts queues 1,000); each removes its listener.
  setMaxListeners(0, inner.signal);
  const outer = options.signal;
  outer?.throwIfAborted();
  const onOuterAbort = () => inner.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  let firstError: { error: unknown } | undefined;
  let calls = 0;
  let throttled = 0;

  const fail = (error: unknown) => {
    if (firstError) return;
    firstError = { error };
    // The first failure for good ends the walk: nothing else is started.
    inner.abort(error);
  };

  async function call<T>(run: (signal: AbortSignal) => Promise<T>, priority: boolean): Promise<T> {
    for (let failures = 1; ; failures++) {
      const slot = await limiter.acquire(inner.signal, priority);
      if (inner.signal.aborted) {
        slot.release(false);
        throw inner.signal.reason;
      }
      calls += 1;
      let value: T;
      try {
        value = await run(inner.signal);
      } catch (error) {
        const throttle = isThrottle(error);
        if (throttle) throttled += 1;
        const attempts = throttle ? policy.throttledAttempts : policy.otherAttempts;
        const retryable = error instanceof SsoError && error.kind === 'retryable';
        if (!retryable || failures >= attempts || inner.signal.aborted) {
          // Abort before the slot frees, so no queued call starts after the failure.
          fail(error);
          slot.release(throttle);
          throw error;
        }
        slot.release(throttle);
        await sleep(portalRetryDelayMs(failures, random(), policy), inner.signal);
        continue;
      }
      slot.release(false);
      return value;
    }
  }

  const accounts = new Map<string, WalkedAccount>();
  const roleTasks: Promise<void>[] = [];

  async function listRoles(account: WalkedAccount): Promise<void> {
    const tokens = new Set<string>();
    let token: string | undefined;
    do {
      const page = await call((s) => port.listAccountRoles(account.accountId, token, s), false);
      for (const role of page.items) if (!account.roles.includes(role)) account.roles.push(role);
      token = nextToken(page, tokens, `ListAccountRoles for ${account.accountId}`);
    } while (token !== undefined);
  }

  try {
    const tokens = new Set<string>();
    let token: string | undefined;
    do {
      const page = await call((s) => port.listAccounts(token, s), true);
      for (const item of page.items) {
        // A directory that changes while we page can list an account twice.
        if (accounts.has(item.accountId)) continue;
        const account: WalkedAccount = { ...item, roles: [] };
        accounts.set(item.accountId, account);
        roleTasks.push(listRoles(account).catch(fail));
      }
      token = nextToken(page, tokens, 'ListAccounts');
    } while (token !== undefined);
  } catch (error) {
    fail(error);
  }
  await Promise.all(roleTasks);
  outer?.removeEventListener('abort', onOuterAbort);
  if (firstError) throw firstError.error;
  return {
    accounts: [...accounts.values()],
    calls,
    peakConcurrency: limiter.peak,
    throttled,
  };
}

/** The token of the next page, or undefined; a token seen before would loop forever. */
function nextToken(page: PortalPage<unknown>, seen: Set<string>, what: string): string | undefined {
  const token = page.nextToken;
  if (token === undefined || token === '') return undefined;
  if (seen.has(token)) {
    throw new SsoError(
      'retryable',
      'PaginationLoop',
      `IAM Identity Center portal, ${what}: the portal returned a page token it had returned before`,
    );
  }
  seen.add(token);
  return token;
}
