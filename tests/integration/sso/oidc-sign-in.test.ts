/**
 * Sign-in and refresh through the real SDK client over real HTTP to the fake
 * OIDC service, found only through AWS_ENDPOINT_URL_SSO_OIDC (there is no
 * internet here: had the SDK gone to oidc.<region>.amazonaws.com, every test
 * would fail on DNS). PKCE runs in a real Chromium that follows the redirects.
 * Every error message is checked for every secret the service handed out.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deviceSignIn } from '../../../electron/core/sso/oidc-device';
import { pkceSignIn } from '../../../electron/core/sso/oidc-pkce';
import { registerClient, type OidcRegistration } from '../../../electron/core/sso/oidc-register';
import { refreshAccessToken, type OidcTokens } from '../../../electron/core/sso/oidc-tokens';
import { SsoError, SsoSignInNeeded } from '../../../electron/core/sso/sso-errors';
import { DEVICE_GRANT, FakeOidcServer } from '../../support/identity-center/fake-oidc-server';
import { TokenBook } from '../../support/identity-center/token-book';
import { requireTool } from '../../support/tools';
import { launchChromium } from '../../ui/support/browser';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const REGION = 'eu-west-1';
const SCOPES = ['sso:account:access'];
const tokens = new TokenBook();
const server = new FakeOidcServer({ tokens, startUrl: START_URL });
const messages: string[] = [];
const saved = process.env.AWS_ENDPOINT_URL_SSO_OIDC;
const noWait = async (_ms: number, signal?: AbortSignal): Promise<void> => {
  if (signal?.aborted) throw new Error('aborted');
};

beforeAll(async () => {
  await server.start();
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = server.url;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
  else process.env.AWS_ENDPOINT_URL_SSO_OIDC = saved;
  await server.close();
  // No secret the service issued is in any message a test saw.
  const secrets = server.issuedSecrets();
  expect(secrets.length).toBeGreaterThan(10);
  expect(messages.length).toBeGreaterThan(5);
  for (const message of messages) {
    expect(message.split('\n')).toHaveLength(1);
    for (const secret of secrets) expect(message).not.toContain(secret);
  }
});
afterEach(() => {
  server.settings.autoApprove = true;
  server.deny();
});

/** The error a promise rejects with, its message kept for the leak check. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  messages.push((error as Error).message, String(error));
  return error as Error;
}

function deviceRegistration(): Promise<OidcRegistration> {
  return registerClient({ region: REGION, scopes: SCOPES, flow: 'device' });
}

async function signInByDevice(): Promise<{ registration: OidcRegistration; tokens: OidcTokens }> {
  const registration = await deviceRegistration();
  const granted = await deviceSignIn({
    region: REGION,
    startUrl: START_URL,
    registration,
    onPrompt: () => undefined,
    sleep: noWait,
  });
  return { registration, tokens: granted };
}

describe('device flow through AWS_ENDPOINT_URL_SSO_OIDC', () => {
  it('waits out authorization_pending three times, then issues a token the portal accepts', async () => {
    for (let i = 0; i < 3; i++) {
      server.inject({
        operation: 'token',
        grantType: DEVICE_GRANT,
        fault: { kind: 'error', code: 'authorization_pending' },
      });
    }
    const before = server.tokenRequests(DEVICE_GRANT).length;
    const { tokens: granted } = await signInByDevice();
    expect(server.tokenRequests(DEVICE_GRANT).length - before).toBe(4);
    expect(tokens.valid(granted.accessToken.reveal())?.startUrl).toBe(START_URL);
  });

  it('without the endpoint setting the SDK goes to AWS, which is unreachable here', async () => {
    delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
    try {
      const error = await failure(deviceRegistration());
      expect(error).toBeInstanceOf(SsoError);
      expect((error as SsoError).kind).toBe('retryable');
    } finally {
      process.env.AWS_ENDPOINT_URL_SSO_OIDC = server.url;
    }
  });
});

describe('refresh', () => {
  it('trades the refresh token for a new access token and a rotated refresh token', async () => {
    const { registration, tokens: first } = await signInByDevice();
    const next = await refreshAccessToken({
      region: REGION,
      registration,
      refreshToken: first.refreshToken!,
      session: 'work',
    });
    expect(tokens.valid(next.accessToken.reveal())).toBeDefined();
    expect(next.accessToken.reveal()).not.toBe(first.accessToken.reveal());
    expect(next.refreshToken?.reveal()).not.toBe(first.refreshToken!.reveal());
    expect(server.tokenRequests('refresh_token').at(-1)?.status).toBe(200);
  });

  it('an expired refresh token means the session needs a new sign-in', async () => {
    const { registration, tokens: first } = await signInByDevice();
    server.expireRefreshTokens();
    const error = await failure(
      refreshAccessToken({
        region: REGION,
        registration,
        refreshToken: first.refreshToken!,
        session: 'work',
      }),
    );
    expect(error).toBeInstanceOf(SsoSignInNeeded);
    expect((error as SsoSignInNeeded).session).toBe('work');
    expect((error as SsoSignInNeeded).reason).toMatch(/InvalidGrantException/);
  });

  it('throttling, 5xx and a cut connection are retryable, not a sign-in', async () => {
    const { registration, tokens: first } = await signInByDevice();
    const refresh = () =>
      refreshAccessToken({
        region: REGION,
        registration,
        refreshToken: first.refreshToken!,
        session: 'work',
      });
    for (const fault of [
      { kind: 'status', status: 429 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
    ] as const) {
      server.inject({ operation: 'token', fault });
      const error = await failure(refresh());
      expect(error).toBeInstanceOf(SsoError);
      expect((error as SsoError).kind).toBe('retryable');
    }
    // The refresh token was never spent by the failures.
    await expect(refresh()).resolves.toBeDefined();
  });
});

const chromium = requireTool('chromium');
describe.skipIf(!chromium.available)(`PKCE in Chromium ${chromium.skipReason}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function pkceInBrowser(before?: (url: URL) => Promise<void>) {
    const page = await browser.newPage();
    let navigation: Promise<unknown> = Promise.resolve();
    const result = await pkceSignIn({
      region: REGION,
      startUrl: START_URL,
      scopes: SCOPES,
      signal: new AbortController().signal,
      openBrowser: async (url) => {
        await before?.(new URL(url));
        navigation = page.goto(url);
      },
    });
    await navigation;
    const text = await page.textContent('body');
    await page.close();
    return { result, text, pageUrl: page.url() };
  }

  it('signs in: the browser is redirected to the loopback callback and told it can close', async () => {
    const { result, text } = await pkceInBrowser();
    expect(text).toMatch(/signed in\. You can close this tab/);
    expect(tokens.valid(result.tokens.accessToken.reveal())?.startUrl).toBe(START_URL);
    expect(result.tokens.refreshToken).toBeDefined();
    expect(server.tokenRequests('authorization_code').at(-1)?.status).toBe(200);
  });

  it('checks the authorize URL and registration as the service does, and waits for approval', async () => {
    server.settings.autoApprove = false;
    let seen: URL | undefined;
    const signedIn = pkceInBrowser(async (url) => {
      seen = url;
    });
    await expect.poll(() => server.waitingBrowsers, { timeout: 20_000 }).toBe(1);
    expect(seen?.origin).toBe(server.url);
    expect(seen?.pathname).toBe('/authorize');
    expect(seen?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(seen?.searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/,
    );
    expect(seen?.searchParams.get('state')?.length).toBeGreaterThanOrEqual(43);
    server.approve();
    const { result } = await signedIn;
    expect(tokens.valid(result.tokens.accessToken.reveal())).toBeDefined();
  });

  it('refuses a callback with the wrong state and keeps waiting for the real one', async () => {
    let refused: { status: number; body: string } | undefined;
    const { result } = await pkceInBrowser(async (url) => {
      const callback = new URL(url.searchParams.get('redirect_uri')!);
      callback.searchParams.set('code', 'forged-code');
      callback.searchParams.set('state', 'not-the-state');
      const answer = await fetch(callback);
      refused = { status: answer.status, body: await answer.text() };
    });
    expect(refused?.status).toBe(400);
    expect(refused?.body).toMatch(/did not start this sign-in/);
    expect(tokens.valid(result.tokens.accessToken.reveal())).toBeDefined();
  });

  it('a denied sign-in ends with access denied, and the callback server is closed', async () => {
    server.settings.autoApprove = false;
    let callback: URL | undefined;
    const denied = failure(
      pkceInBrowser(async (url) => {
        callback = new URL(url.searchParams.get('redirect_uri')!);
      }),
    );
    await expect.poll(() => server.waitingBrowsers, { timeout: 20_000 }).toBe(1);
    server.deny();
    const error = await denied;
    expect((error as SsoError).code).toBe('AccessDeniedException');
    await expect(fetch(callback!)).rejects.toThrow();
  });

  it('the service refuses a code redeemed with the wrong verifier (its PKCE check is real)', async () => {
    const registration = await registerClient({
      region: REGION,
      scopes: SCOPES,
      flow: 'pkce',
      redirectUri: 'http://127.0.0.1/oauth/callback',
      issuerUrl: START_URL,
    });
    // An authorization code obtained for one challenge, redeemed with another verifier.
    const redirect = 'http://127.0.0.1:9/oauth/callback';
    const url = new URL(`${server.url}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: registration.clientId,
      redirect_uri: redirect,
      state: 's',
      code_challenge_method: 'S256',
      code_challenge: 'A'.repeat(43),
      scopes: SCOPES.join(' '),
    }).toString();
    const location = await fetch(url, { redirect: 'manual' }).then((r) =>
      r.headers.get('location'),
    );
    const code = new URL(location!).searchParams.get('code')!;
    const answer = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret.reveal(),
        grantType: 'authorization_code',
        code,
        redirectUri: redirect,
        codeVerifier: 'B'.repeat(43),
      }),
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidGrantException');
  });

  it('cancelling while the browser is out ends the sign-in and closes the callback server', async () => {
    server.settings.autoApprove = false;
    const controller = new AbortController();
    let callback: URL | undefined;
    const cancelled = failure(
      pkceSignIn({
        region: REGION,
        startUrl: START_URL,
        scopes: SCOPES,
        signal: controller.signal,
        openBrowser: async (url) => {
          callback = new URL(new URL(url).searchParams.get('redirect_uri')!);
        },
      }),
    );
    await expect.poll(() => callback, { timeout: 20_000 }).toBeDefined();
    controller.abort();
    expect(((await cancelled) as SsoError).code).toBe('Cancelled');
    await expect(fetch(callback!)).rejects.toThrow();
  });

  it('a browser that cannot be opened says so in one line and closes the server', async () => {
    let callback: URL | undefined;
    const error = await failure(
      pkceSignIn({
        region: REGION,
        startUrl: START_URL,
        scopes: SCOPES,
        signal: new AbortController().signal,
        openBrowser: async (url) => {
          callback = new URL(new URL(url).searchParams.get('redirect_uri')!);
          throw new Error('xdg-open: no method available for opening the URL');
        },
      }),
    );
    expect((error as SsoError).code).toBe('BrowserNotOpened');
    await expect(fetch(callback!)).rejects.toThrow();
  });
});
