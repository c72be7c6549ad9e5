/**
 * The authorization code flow with PKCE in a real Chromium that follows the
 * fake OIDC service's redirect to our loopback callback, through the real SDK
 * client (endpoint from AWS_ENDPOINT_URL_SSO_OIDC only).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkceSignIn } from '../../../electron/core/sso/oidc-pkce';
import { registerClient } from '../../../electron/core/sso/oidc-register';
import type { SsoError } from '../../../electron/core/sso/sso-errors';
import {
  useFakeOidc,
  REGION,
  SCOPES,
  START_URL,
} from '../../support/identity-center/oidc-test-harness';
import { requireTool } from '../../support/tools';
import { launchChromium } from '../../ui/support/browser';

const { server, tokens, failure } = useFakeOidc();

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
