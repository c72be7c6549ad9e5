import { createHash, randomBytes } from 'node:crypto';
import { Secret } from '../secret';
import { cancelled, OIDC_SERVICE, oidcClient, type OidcCallOptions } from './oidc-call';
import { startCallbackServer } from './oidc-callback-server';
import { registerClient, registrationUsable, type OidcRegistration } from './oidc-register';
import { createToken, grantSecrets, type OidcTokens, type TokenGrant } from './oidc-tokens';
import { classifySsoError, SsoError } from './sso-errors';

export interface PkceSignInOptions extends OidcCallOptions {
  readonly startUrl: string;
  /** A PKCE registration to reuse (see `registrationFor`); registers anew when missing or expiring. */
  readonly registration?: OidcRegistration | undefined;
  readonly scopes: readonly string[];
  /** Opens the URL in the user's browser; a rejection ends the sign-in (fall back to the device flow). */
  readonly openBrowser: (url: string) => Promise<void>;
  readonly signal: AbortSignal;
  /** How long to wait for the browser to come back; default 10 minutes. */
  readonly timeoutMs?: number;
  /** The environment the authorize URL's endpoint is read from; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The redirect URI registered: loopback without a port, so any free port matches (RFC 8252 §7.3). */
export const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Where the browser signs in: the OIDC endpoint's /authorize. Like the AWS
 * CLI, a configured endpoint (AWS_ENDPOINT_URL_SSO_OIDC, then AWS_ENDPOINT_URL)
 * replaces `https://oidc.<region>.amazonaws.com`.
 */
export function oidcBaseUrl(region: string, endpoint?: string, env = process.env): string {
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true';
  const configured =
    endpoint ?? (ignore ? undefined : env.AWS_ENDPOINT_URL_SSO_OIDC || env.AWS_ENDPOINT_URL);
  if (configured) return configured.replace(/\/+$/, '');
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new SsoError('invalid-request', 'InvalidRegion', `"${region}" is not an AWS region name`);
  }
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://oidc.${region}.${suffix}`;
}

export function authorizeUrl(options: {
  readonly base: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
  readonly scopes: readonly string[];
}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    state: options.state,
    code_challenge_method: 'S256',
    code_challenge: options.challenge,
    scopes: options.scopes.join(' '),
  });
  return `${options.base}/authorize?${query.toString()}`;
}

/**
 * The authorization code flow with PKCE (the AWS CLI's default since 2.22):
 * a loopback callback, the browser sent to /authorize, the returned code
 * exchanged with the verifier. The callback server is closed on every path.
 */
export async function pkceSignIn(
  options: PkceSignInOptions,
): Promise<{ tokens: OidcTokens; registration: OidcRegistration }> {
  const what = 'the browser sign-in';
  const state = randomBytes(32).toString('base64url');
  const verifier = new Secret(randomBytes(32).toString('base64url'));
  const challenge = createHash('sha256').update(verifier.reveal()).digest('base64url');
  if (options.signal.aborted) throw cancelled(what);
  const callback = await startCallbackServer(state);
  const onAbort = (): void => callback.close();
  options.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => callback.close(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const client = oidcClient(options);
  try {
    const registration = registrationUsable(options.registration)
      ? options.registration
      : await registerClient({
          ...options,
          flow: 'pkce',
          redirectUri: REGISTERED_REDIRECT_URI,
          issuerUrl: options.startUrl,
        });
    const url = authorizeUrl({
      base: oidcBaseUrl(options.region, options.endpoint, options.env),
      clientId: registration.clientId,
      redirectUri: callback.redirectUri,
      state,
      challenge,
      scopes: options.scopes,
    });
    try {
      await options.openBrowser(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SsoError(
        'needs-user',
        'BrowserNotOpened',
        `could not open a browser (${reason.replace(/\s+/g, ' ').slice(0, 120)}); use the device flow (--no-browser)`,
      );
    }
    let code: Secret;
    try {
      code = await callback.code;
    } catch (error) {
      if (options.signal.aborted) throw cancelled(what);
      if (error instanceof SsoError && error.code === 'Cancelled') {
        throw new SsoError(
          'needs-user',
          'Timeout',
          `${what} was not completed in time; sign in again`,
        );
      }
      throw error;
    }
    const grant: TokenGrant = {
      grantType: 'authorization_code',
      code,
      redirectUri: callback.redirectUri,
      codeVerifier: verifier,
    };
    try {
      const tokens = await createToken(client, options, registration, grant);
      return { tokens, registration };
    } catch (error) {
      throw classifySsoError(error, OIDC_SERVICE, grantSecrets(registration, grant));
    }
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
    callback.close();
    client.destroy();
  }
}
