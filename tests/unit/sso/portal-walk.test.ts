import { describe, expect, it } from 'vitest';
import { classifyPortalError } from '../../../electron/core/sso/portal-errors';
import {
  walkAssignments,
  type PortalPage,
  type PortalPort,
} from '../../../electron/core/sso/portal-walk';
import { SsoError, SsoSignInNeeded } from '../../../electron/core/sso/sso-errors';

const immediate = () => Promise.resolve();

/** A port over fixed pages: `accounts[i]` is page i; roles[accountId][j] page j. */
function port(
  accounts: PortalPage<{ accountId: string; accountName: string }>[],
  roles: Record<string, PortalPage<string>[]>,
  calls: string[] = [],
): PortalPort {
  const index = (token: string | undefined) => (token === undefined ? 0 : Number(token.slice(1)));
  return {
    listAccounts(token) {
      calls.push(`accounts ${token ?? '-'}`);
      return Promise.resolve(accounts[index(token)] as PortalPage<never>);
    },
    listAccountRoles(accountId, token) {
      calls.push(`roles ${accountId} ${token ?? '-'}`);
      return Promise.resolve(roles[accountId]?.[index(token)] ?? { items: [] });
    },
  };
}

const acct = (accountId: string) => ({ accountId, accountName: `n${accountId}` });

describe('walkAssignments', () => {
  it('follows every token of both lists, keeps the portal’s order, lists a repeated account once', async () => {
    const calls: string[] = [];
    const result = await walkAssignments(
      port(
        [
          { items: [acct('1'), acct('2')], nextToken: 't1' },
          { items: [], nextToken: 't2' },
          { items: [acct('2'), acct('3')] },
        ],
        { '1': [{ items: ['A'], nextToken: 't1' }, { items: ['B'] }], '3': [{ items: ['C'] }] },
        calls,
      ),
      { concurrency: 2, sleep: immediate },
    );
    expect(result.accounts).toEqual([
      { ...acct('1'), roles: ['A', 'B'] },
      { ...acct('2'), roles: [] },
      { ...acct('3'), roles: ['C'] },
    ]);
    expect(result.calls).toBe(3 + 2 + 1 + 1);
    expect(calls.filter((c) => c.startsWith('accounts'))).toEqual([
      'accounts -',
      'accounts t1',
      'accounts t2',
    ]);
  });

  it('a page token the portal gave before ends the walk instead of looping', async () => {
    const looping: PortalPort = {
      listAccounts: () => Promise.resolve({ items: [acct('1')], nextToken: 'same' }),
      listAccountRoles: () => Promise.resolve({ items: ['A'] }),
    };
    await expect(walkAssignments(looping, { concurrency: 3 })).rejects.toMatchObject({
      code: 'PaginationLoop',
      kind: 'retryable',
    });
  });

  it('retries a throttled call up to its attempts, then gives the error', async () => {
    let tries = 0;
    const delays: number[] = [];
    const throttled: PortalPort = {
      listAccounts: () => Promise.resolve({ items: [acct('1')] }),
      listAccountRoles: () => {
        tries += 1;
        return Promise.reject(
          new SsoError('retryable', 'TooManyRequestsException', 'Too many requests', 429),
        );
      },
    };
    const error = walkAssignments(throttled, {
      concurrency: 2,
      random: () => 0.5,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });
    await expect(error).rejects.toMatchObject({ code: 'TooManyRequestsException' });
    expect(tries).toBe(8);
    expect(delays).toEqual([200, 400, 800, 1600, 3200, 6400, 7500]);
  });

  it('stops at the first failure that retrying cannot mend, starting nothing after it', async () => {
    const calls: string[] = [];
    const many = Array.from({ length: 50 }, (_, i) => acct(String(i)));
    const base = port([{ items: many }], {}, calls);
    const failing: PortalPort = {
      listAccounts: base.listAccounts,
      listAccountRoles: (id, token, signal) =>
        id === '0'
          ? Promise.reject(new SsoSignInNeeded('acme', 'the portal refused the access token'))
          : base.listAccountRoles(id, token, signal),
    };
    await expect(walkAssignments(failing, { concurrency: 1 })).rejects.toBeInstanceOf(
      SsoSignInNeeded,
    );
    expect(calls.filter((c) => c.startsWith('roles'))).toEqual([]);
  });
});

describe('classifyPortalError', () => {
  const context = { session: 'acme', action: 'ListAccounts', secrets: ['tok-SECRET'] };
  const sdkError = (name: string, status: number, message: string) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

  it('401 is a sign-in for the session, and no echoed token reaches the message', () => {
    const e = classifyPortalError(
      sdkError('UnauthorizedException', 401, 'bad token tok-SECRET\nsecond line'),
      context,
    );
    expect(e).toBeInstanceOf(SsoSignInNeeded);
    expect(e.message).not.toContain('tok-SECRET');
    expect(e.message).not.toContain('\n');
  });

  it('sorts the rest: 429/5xx/network retryable, 403 needs a person, 400/404 invalid', () => {
    const kind = (error: unknown) => (classifyPortalError(error, context) as SsoError).kind;
    expect(kind(sdkError('TooManyRequestsException', 429, 'x'))).toBe('retryable');
    expect(kind(sdkError('InternalServerException', 500, 'x'))).toBe('retryable');
    expect(kind(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe('retryable');
    expect(kind(sdkError('ForbiddenException', 403, 'No access'))).toBe('needs-user');
    expect(kind(sdkError('ResourceNotFoundException', 404, 'x'))).toBe('invalid-request');
    expect(kind(sdkError('InvalidRequestException', 400, 'x'))).toBe('invalid-request');
    expect(
      kind(Object.assign(new Error('self signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })),
    ).toBe('needs-user');
  });
});
