import { ListAccountRolesCommand, ListAccountsCommand } from '@aws-sdk/client-sso';
import type { Secret } from '../secret';
import { createPortalClient, sendToPortal, type PortalConnection } from './portal-client';
import type { PortalBackoffPolicy } from './portal-backoff';
import { walkAssignments, type PortalPort } from './portal-walk';

export interface PortalAssignment {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

/**
 * Calls in flight during a sync. Identity Center's portal throttles per user
 * (about 20 requests a second is the figure quoted for it; tools that list
 * roles of hundreds of accounts at once are met with 429s): at its usual
 * 100–250 ms per call, 5 in flight stays near that budget, and the limit
 * halves by itself when the portal throttles anyway.
 */
export const DEFAULT_PORTAL_CONCURRENCY = 5;

/** The model's largest page (max_result 1–100): fewest calls. */
const PAGE_SIZE = 100;

export interface ListAssignmentsOptions extends PortalConnection {
  readonly accessToken: Secret;
  /** The sso-session name, for SsoSignInNeeded. */
  readonly session: string;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly backoff?: PortalBackoffPolicy;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Every account and role the session's token grants, following every
 * nextToken. A 401 is SsoSignInNeeded; throttling and other transient faults
 * are retried with jittered backoff (and a smaller limit) before giving up.
 */
export async function listAssignments(
  options: ListAssignmentsOptions,
): Promise<PortalAssignment[]> {
  const client = createPortalClient(options);
  const accessToken = options.accessToken.reveal();
  const context = (action: string) => ({
    session: options.session,
    action,
    secrets: [accessToken],
  });
  const port: PortalPort = {
    async listAccounts(nextToken, signal) {
      const out = await sendToPortal(options, context('ListAccounts'), signal, (o) =>
        client.send(new ListAccountsCommand({ accessToken, nextToken, maxResults: PAGE_SIZE }), o),
      );
      return {
        items: (out.accountList ?? []).flatMap((a) =>
          a.accountId
            ? [{ accountId: a.accountId, accountName: a.accountName ?? a.accountId }]
            : [],
        ),
        nextToken: out.nextToken,
      };
    },
    async listAccountRoles(accountId, nextToken, signal) {
      const action = `ListAccountRoles for account ${accountId}`;
      const out = await sendToPortal(options, context(action), signal, (o) =>
        client.send(
          new ListAccountRolesCommand({ accessToken, accountId, nextToken, maxResults: PAGE_SIZE }),
          o,
        ),
      );
      return {
        items: (out.roleList ?? []).flatMap((r) => (r.roleName ? [r.roleName] : [])),
        nextToken: out.nextToken,
      };
    },
  };
  try {
    const walked = await walkAssignments(port, {
      concurrency: options.concurrency ?? DEFAULT_PORTAL_CONCURRENCY,
      signal: options.signal,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    return walked.accounts.flatMap((a) =>
      a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })),
    );
  } finally {
    client.destroy();
  }
}
