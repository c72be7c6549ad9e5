/**
 * Device sign-in and refresh through the real SDK client over real HTTP to the
 * fake OIDC service, found only through AWS_ENDPOINT_URL_SSO_OIDC.
 */
import { describe, expect, it } from 'vitest';
import { deviceSignIn } from '../../../electron/core/sso/oidc-device';
import { registerClient, type OidcRegistration } from '../../../electron/core/sso/oidc-register';
import { refreshAccessToken, type OidcTokens } from '../../../electron/core/sso/oidc-tokens';
import { SsoError, SsoSignInNeeded } from '../../../electron/core/sso/sso-errors';
import { DEVICE_GRANT } from '../../support/identity-center/fake-oidc-server';
import {
  useFakeOidc,
  REGION,
  SCOPES,
  START_URL,
} from '../../support/identity-center/oidc-test-harness';

const { server, tokens, failure } = useFakeOidc();
const noWait = async (_ms: number, signal?: AbortSignal): Promise<void> => {
  if (signal?.aborted) throw new Error('aborted');
};

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
