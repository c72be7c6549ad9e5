/**
 * The device flow's state machine, against the fake OIDC service over real
 * HTTP, with a fake clock shared by the flow's sleeps and the server (so the
 * server's recorded poll times are the flow's intervals, and no test waits).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deviceSignIn, type DevicePrompt } from '../../../electron/core/sso/oidc-device';
import { registerClient, type OidcRegistration } from '../../../electron/core/sso/oidc-register';
import { SsoError } from '../../../electron/core/sso/sso-errors';
import {
  DEVICE_GRANT,
  FakeOidcServer,
  type OidcErrorCode,
} from '../../support/identity-center/fake-oidc-server';
import { TokenBook } from '../../support/identity-center/token-book';

const START_URL = 'https://d-1234567890.awsapps.com/start';
let clock = 1_700_000_000_000;
const now = (): number => clock;
const sleeps: number[] = [];
const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  if (signal?.aborted) throw new Error('aborted');
  sleeps.push(ms);
  clock += ms;
};

const tokens = new TokenBook(now);
const server = new FakeOidcServer({ tokens, now, interval: 5, deviceCodeSeconds: 600 });
let registration: OidcRegistration;
let prompts: DevicePrompt[];

beforeAll(async () => {
  await server.start();
  registration = await registerClient({
    region: 'eu-west-1',
    endpoint: server.url,
    scopes: ['sso:account:access'],
    flow: 'device',
  });
});
afterAll(() => server.close());
beforeEach(() => {
  sleeps.length = 0;
  prompts = [];
  server.requests.length = 0;
  server.settings.autoApprove = true;
});
afterEach(() => server.deny());

function signIn(signal?: AbortSignal) {
  return deviceSignIn({
    region: 'eu-west-1',
    endpoint: server.url,
    startUrl: START_URL,
    registration,
    onPrompt: (prompt) => prompts.push(prompt),
    signal,
    sleep,
    now,
  });
}

function queue(code: OidcErrorCode, times = 1): void {
  for (let i = 0; i < times; i++) {
    server.inject({ operation: 'token', grantType: DEVICE_GRANT, fault: { kind: 'error', code } });
  }
}

/** Seconds between the recorded polls (and from the authorization to the first). */
function pollGaps(): number[] {
  const start = server.requests.find((r) => r.operation === 'device_authorization')!.at;
  const times = [start, ...server.tokenRequests(DEVICE_GRANT).map((r) => r.at)];
  return times.slice(1).map((t, i) => (t - times[i]!) / 1000);
}

async function failure(promise: Promise<unknown>): Promise<SsoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsoError);
  return error as SsoError;
}

describe('deviceSignIn', () => {
  it('prompts once, keeps polling through authorization_pending at the interval, then has tokens', async () => {
    queue('authorization_pending', 3);
    const result = await signIn();
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.verificationUriComplete).toContain(prompts[0]!.userCode);
    expect(prompts[0]!.expiresAt).toBe(server.requests[0]!.at + 600_000);
    expect(pollGaps()).toEqual([5, 5, 5, 5]);
    expect(tokens.valid(result.accessToken.reveal())).toBeDefined();
    expect(result.refreshToken).toBeDefined();
    expect(result.expiresAt).toBe(clock + 3600_000);
  });

  it('adds 5 s to the interval for the rest of the flow at each slow_down', async () => {
    queue('authorization_pending');
    queue('slow_down');
    queue('authorization_pending');
    queue('slow_down');
    queue('authorization_pending');
    await signIn();
    expect(pollGaps()).toEqual([5, 5, 10, 10, 15, 15]);
  });

  it('ends at the device code expiry when nobody approves, without polling past it', async () => {
    server.settings.autoApprove = false;
    const error = await failure(signIn());
    expect(error.code).toBe('ExpiredTokenException');
    expect(error.kind).toBe('needs-user');
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(600_000);
    expect(server.tokenRequests(DEVICE_GRANT).length).toBe(119);
  });

  it('ends on expired_token from the service', async () => {
    queue('authorization_pending');
    queue('expired_token');
    const error = await failure(signIn());
    expect(error.code).toBe('ExpiredTokenException');
    expect(error.message).toMatch(/device code expired/);
    expect(server.tokenRequests(DEVICE_GRANT)).toHaveLength(2);
  });

  it('ends on access_denied', async () => {
    server.settings.autoApprove = false;
    const pending = signIn();
    const denied = failure(pending);
    // The first poll finds the authorization pending; then the user denies it.
    await expect
      .poll(() => server.tokenRequests(DEVICE_GRANT).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    server.deny();
    const error = await denied;
    expect(error.code).toBe('AccessDeniedException');
    expect(error.message).toMatch(/denied/);
  });

  it('rides out two transient failures, and gives up at the third in a row', async () => {
    server.inject(
      { operation: 'token', fault: { kind: 'status', status: 503 } },
      { operation: 'token', fault: { kind: 'reset' } },
    );
    await signIn();
    server.inject(
      { operation: 'token', fault: { kind: 'status', status: 500 } },
      { operation: 'token', fault: { kind: 'status', status: 429 } },
      { operation: 'token', fault: { kind: 'status', status: 503 } },
    );
    const error = await failure(signIn());
    expect(error.kind).toBe('retryable');
    expect(error.httpStatus).toBe(503);
  });

  it('stops when aborted, before any further poll', async () => {
    const controller = new AbortController();
    server.settings.autoApprove = false;
    const error = await failure(
      deviceSignIn({
        region: 'eu-west-1',
        endpoint: server.url,
        startUrl: START_URL,
        registration,
        onPrompt: () => controller.abort(),
        signal: controller.signal,
        sleep,
        now,
      }),
    );
    expect(error.code).toBe('Cancelled');
    expect(server.tokenRequests(DEVICE_GRANT)).toHaveLength(0);
  });

  it('says an unknown client in one line without its secret', async () => {
    const error = await failure(
      deviceSignIn({
        region: 'eu-west-1',
        endpoint: server.url,
        startUrl: START_URL,
        registration: { ...registration, clientId: 'client-unknown' },
        onPrompt: () => undefined,
        sleep,
        now,
      }),
    );
    expect(error.code).toBe('InvalidClientException');
    expect(error.httpStatus).toBe(401);
    expect(error.message).not.toContain(registration.clientSecret.reveal());
    expect(error.message.split('\n')).toHaveLength(1);
  });
});
