/**
 * The engine's portal client against the fake portal over real HTTP, through
 * the real @aws-sdk/client-sso: paging, the concurrency limit, throttling,
 * revoked tokens, role credentials and logout. The endpoint comes from
 * AWS_ENDPOINT_URL_SSO, as the SDK resolves it: were it ignored, nothing here
 * would reach the fake (there is no internet).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Secret } from '../../../electron/core/secret';
import {
  DEFAULT_PORTAL_CONCURRENCY,
  listAssignments,
} from '../../../electron/core/sso/portal-assignments';
import { getRoleCredentials, portalLogout } from '../../../electron/core/sso/portal-credentials';
import { SsoError, SsoSignInNeeded } from '../../../electron/core/sso/sso-errors';
import { FakePortalServer } from '../../support/identity-center/fake-portal-server';
import { TokenBook } from '../../support/identity-center/token-book';

const REGION = 'eu-west-1';
const SESSION = 'acme';
const tokens = new TokenBook();
let portal: FakePortalServer;
let token: string;
let tokenCount = 0;
/** Every error message a test saw, checked for secrets at the end. */
const messages: string[] = [];

function issueToken(): string {
  tokenCount += 1;
  const value = `access-token-${tokenCount}-${'x'.repeat(40)}`;
  tokens.issue({ accessToken: value, expiresAt: Date.now() + 3_600_000, startUrl: 'https://x' });
  return value;
}

/** Pauses recorded, none slept: the tests assert the schedule, not the clock. */
function recordingSleep(): { delays: number[]; sleep: () => Promise<void> } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms?: number) => {
      delays.push(ms ?? 0);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  messages.push((error as Error).message);
  return error as Error;
}

beforeAll(async () => {
  portal = await FakePortalServer.start({ tokens, pageSize: 100 });
});

afterAll(async () => {
  await portal.close();
  // No error any test saw carries a token or a credential.
  for (const m of messages) {
    expect(m).not.toMatch(/access-token-\d+/);
    expect(m.split('\n')).toHaveLength(1);
  }
});

beforeEach(() => {
  vi.stubEnv('AWS_ENDPOINT_URL_SSO', portal.url);
  token = issueToken();
  portal.directory.clear();
  portal.latencyMs = 0;
  portal.maxConcurrent = undefined;
  portal.resetStats();
});

afterEach(() => {
  vi.unstubAllEnvs();
  expect(portal.queuedFaults).toBe(0);
});

describe('listAssignments', () => {
  it('follows every nextToken: 3 pages of accounts, 3 pages of one account’s roles', async () => {
    portal.directory.addAccounts(250, ['Admin', 'ReadOnly', 'Billing'], 200_000_000_000);
    const many = Array.from({ length: 230 }, (_, i) => `Role${i}`);
    portal.directory.addAccount('200000000007', 'Many roles', many);

    const found = await listAssignments({
      region: REGION,
      accessToken: new Secret(token),
      session: SESSION,
    });

    expect(found).toHaveLength(249 * 3 + 230);
    expect(new Set(found.map((a) => `${a.accountId}/${a.roleName}`))).toEqual(
      new Set(portal.directory.assignments().map((a) => `${a.accountId}/${a.roleName}`)),
    );
    expect(found).toContainEqual({
      accountId: '200000000007',
      accountName: 'Many roles',
      roleName: 'Role229',
    });
    expect(portal.count('ListAccounts', 200)).toBe(3);
    expect(
      portal.requests.filter((r) => r.operation === 'ListAccounts' && r.nextTokenSent),
    ).toHaveLength(2);
    expect(portal.requests.filter((r) => r.accountId === '200000000007')).toHaveLength(3);
    expect(portal.count('ListAccountRoles')).toBe(249 + 3);
    // Asked for the model's largest page, and with the bearer header every time.
    expect(portal.requests.every((r) => r.maxResult === '100' && r.bearerSent)).toBe(true);
  });

  it('keeps calls in flight at or below the limit it is given, and the default at 5', async () => {
    portal.directory.addAccounts(60, ['Admin'], 200_000_000_000);
    portal.latencyMs = 15;
    portal.maxConcurrent = 3;
    const found = await listAssignments({
      region: REGION,
      accessToken: new Secret(token),
      session: SESSION,
      concurrency: 3,
    });
    expect(found).toHaveLength(60);
    expect(portal.maxInFlight).toBeLessThanOrEqual(3);
    // It used what it was allowed (the calls overlapped) and was never refused.
    expect(portal.maxInFlight).toBeGreaterThan(1);
    expect(portal.count('ListAccountRoles', 429)).toBe(0);

    portal.resetStats();
    portal.maxConcurrent = DEFAULT_PORTAL_CONCURRENCY;
    await listAssignments({ region: REGION, accessToken: new Secret(token), session: SESSION });
    expect(portal.maxInFlight).toBeLessThanOrEqual(DEFAULT_PORTAL_CONCURRENCY);
    expect(portal.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('meets a portal that allows fewer calls than asked: backs off, lowers its limit, finishes', async () => {
    portal.directory.addAccounts(80, ['Admin', 'Dev'], 200_000_000_000);
    portal.latencyMs = 10;
    portal.maxConcurrent = 2;
    const { delays, sleep } = recordingSleep();
    const found = await listAssignments({
      region: REGION,
      accessToken: new Secret(token),
      session: SESSION,
      concurrency: 8,
      sleep,
      random: () => 0.5,
    });
    expect(found).toHaveLength(160);
    const refused = portal.requests.filter((r) => r.status === 429).length;
    expect(refused).toBeGreaterThan(0);
    expect(delays).toHaveLength(refused);
    // After the limit came down, few calls were refused: the first wave, then
    // an occasional probe above what the portal allows.
    expect(refused).toBeLessThan(portal.requests.length / 4);
  });

  it('retries TooManyRequestsException with growing, jittered pauses, then succeeds', async () => {
    portal.directory.addAccount('200000000001', 'Prod', ['Admin']);
    portal.queueFault({ kind: 'throttle', operation: 'ListAccountRoles', times: 3 });
    const { delays, sleep } = recordingSleep();
    const found = await listAssignments({
      region: REGION,
      accessToken: new Secret(token),
      session: SESSION,
      sleep,
      random: () => 0.999,
    });
    expect(found).toEqual([{ accountId: '200000000001', accountName: 'Prod', roleName: 'Admin' }]);
    expect(portal.count('ListAccountRoles', 429)).toBe(3);
    expect(delays).toEqual([399, 799, 1598]);
  });

  it('a token revoked mid-sync is SsoSignInNeeded for the session, and the sync stops', async () => {
    portal.directory.addAccounts(40, ['Admin'], 200_000_000_000);
    portal.latencyMs = 5;
    portal.queueFault({ kind: 'revoke', operation: 'ListAccountRoles' });
    const error = await failure(
      listAssignments({ region: REGION, accessToken: new Secret(token), session: SESSION }),
    );
    expect(error).toBeInstanceOf(SsoSignInNeeded);
    expect((error as SsoSignInNeeded).session).toBe(SESSION);
    expect(error.message).toContain('UnauthorizedException');
    // Nothing new was started after the 401: at most the calls already in flight.
    expect(portal.count('ListAccountRoles', 401)).toBeLessThanOrEqual(DEFAULT_PORTAL_CONCURRENCY);
    expect(portal.count('ListAccountRoles')).toBeLessThan(40);
  });

  it('gives up after repeated 5xx with an SsoError retryable, and stops when aborted', async () => {
    portal.directory.addAccount('200000000001', 'Prod', ['Admin']);
    portal.queueFault({ kind: 'status', status: 503, operation: 'ListAccounts', times: 3 });
    const { sleep } = recordingSleep();
    const error = await failure(
      listAssignments({ region: REGION, accessToken: new Secret(token), session: SESSION, sleep }),
    );
    expect(error).toMatchObject({
      kind: 'retryable',
      code: 'ServiceUnavailableException',
      httpStatus: 503,
    });

    portal.queueFault({ kind: 'hang', operation: 'ListAccounts' });
    const controller = new AbortController();
    const walking = listAssignments({
      region: REGION,
      accessToken: new Secret(token),
      session: SESSION,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(portal.count('ListAccounts')).toBe(4));
    controller.abort(new Error('engine stopping'));
    expect(await failure(walking)).toHaveProperty('message', 'engine stopping');
  });
});

describe('getRoleCredentials', () => {
  it('returns the portal’s credentials in Secrets, expiry in epoch ms as sent', async () => {
    portal.directory.addAccount('200000000001', 'Prod', ['Admin']);
    const before = Date.now();
    const creds = await getRoleCredentials({
      region: REGION,
      accessToken: new Secret(token),
      session: SESSION,
      accountId: '200000000001',
      roleName: 'Admin',
    });
    const issued = portal.issued(creds.accessKeyId.reveal());
    expect(issued).toMatchObject({ accountId: '200000000001', roleName: 'Admin' });
    expect(creds.secretAccessKey.reveal()).toBe(issued?.secretAccessKey);
    expect(creds.sessionToken.reveal()).toBe(issued?.sessionToken);
    expect(creds.expiresAt).toBe(issued?.expiration);
    expect(creds.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(JSON.stringify(creds)).not.toContain(issued?.secretAccessKey ?? '?');
  });

  it('429 is one attempt and an SsoError retryable; 403 needs a person; 401 a sign-in', async () => {
    portal.directory.addAccount('200000000001', 'Prod', ['Admin']);
    const ask = (roleName: string) =>
      getRoleCredentials({
        region: REGION,
        accessToken: new Secret(token),
        session: SESSION,
        accountId: '200000000001',
        roleName,
      });
    portal.queueFault({ kind: 'throttle', operation: 'GetRoleCredentials' });
    expect(await failure(ask('Admin'))).toMatchObject({
      kind: 'retryable',
      code: 'TooManyRequestsException',
      httpStatus: 429,
    });
    expect(portal.count('GetRoleCredentials')).toBe(1);
    const forbidden = await failure(ask('Gone'));
    expect(forbidden).toBeInstanceOf(SsoError);
    expect(forbidden).toMatchObject({ kind: 'needs-user', code: 'ForbiddenException' });
    expect(forbidden.message).toContain('Gone in account 200000000001');
    tokens.revoke(token);
    expect(await failure(ask('Admin'))).toBeInstanceOf(SsoSignInNeeded);
  });

  it('a portal that never answers fails at the deadline, retryable', async () => {
    portal.directory.addAccount('200000000001', 'Prod', ['Admin']);
    portal.queueFault({ kind: 'hang', operation: 'GetRoleCredentials' });
    const error = await failure(
      getRoleCredentials({
        region: REGION,
        accessToken: new Secret(token),
        session: SESSION,
        accountId: '200000000001',
        roleName: 'Admin',
        deadlineMs: 300,
      }),
    );
    expect(error).toMatchObject({ kind: 'retryable', code: 'TimeoutError' });
  });
});

describe('portalLogout', () => {
  it('revokes the token at the portal; a second logout is quietly done', async () => {
    portal.directory.addAccount('200000000001', 'Prod', ['Admin']);
    await portalLogout({ region: REGION, accessToken: new Secret(token) });
    expect(tokens.valid(token)).toBeUndefined();
    expect(portal.count('Logout', 200)).toBe(1);
    await expect(
      failure(
        listAssignments({ region: REGION, accessToken: new Secret(token), session: SESSION }),
      ),
    ).resolves.toBeInstanceOf(SsoSignInNeeded);
    await portalLogout({ region: REGION, accessToken: new Secret(token) });
    expect(portal.count('Logout', 401)).toBe(1);
  });
});
