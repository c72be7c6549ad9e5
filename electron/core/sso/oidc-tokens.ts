import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { Secret } from '../secret';
import { OIDC_SERVICE, oidcClient, sendOidc, type OidcCallOptions } from './oidc-call';
import type { OidcRegistration } from './oidc-register';
import { classifySsoError, SsoError, SsoSignInNeeded } from './sso-errors';

/** What CreateToken grants. */
export interface OidcTokens {
  readonly accessToken: Secret;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly refreshToken?: Secret;
}

/** The grant of one CreateToken call; every secret it carries is a Secret. */
export type TokenGrant =
  | {
      readonly grantType: 'urn:ietf:params:oauth:grant-type:device_code';
      readonly deviceCode: Secret;
    }
  | {
      readonly grantType: 'authorization_code';
      readonly code: Secret;
      readonly redirectUri: string;
      readonly codeVerifier: Secret;
    }
  | { readonly grantType: 'refresh_token'; readonly refreshToken: Secret };

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The secrets a grant carries, to cut out of any message. */
export function grantSecrets(registration: OidcRegistration, grant: TokenGrant): Secret[] {
  const own =
    grant.grantType === 'authorization_code'
      ? [grant.code, grant.codeVerifier]
      : [grant.grantType === 'refresh_token' ? grant.refreshToken : grant.deviceCode];
  return [registration.clientSecret, ...own];
}

/**
 * One CreateToken call. AWS errors are rethrown as the SDK made them, so
 * the device flow can read AuthorizationPending and SlowDown.
 */
export async function createToken(
  client: SSOOIDCClient,
  options: OidcCallOptions,
  registration: OidcRegistration,
  grant: TokenGrant,
  now: () => number = Date.now,
): Promise<OidcTokens> {
  const out = await sendOidc(options, 'the token request', (abortSignal) =>
    client.send(
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret.reveal(),
        grantType: grant.grantType,
        ...(grant.grantType === DEVICE_GRANT ? { deviceCode: grant.deviceCode.reveal() } : {}),
        ...(grant.grantType === 'authorization_code'
          ? {
              code: grant.code.reveal(),
              redirectUri: grant.redirectUri,
              codeVerifier: grant.codeVerifier.reveal(),
            }
          : {}),
        ...(grant.grantType === 'refresh_token'
          ? { refreshToken: grant.refreshToken.reveal() }
          : {}),
      }),
      { abortSignal },
    ),
  );
  if (!out.accessToken || typeof out.expiresIn !== 'number') {
    throw new SsoError(
      'retryable',
      'MalformedResponse',
      `${OIDC_SERVICE} answered CreateToken without an access token or its lifetime`,
    );
  }
  return {
    accessToken: new Secret(out.accessToken),
    expiresAt: now() + out.expiresIn * 1000,
    ...(out.refreshToken ? { refreshToken: new Secret(out.refreshToken) } : {}),
  };
}

export interface RefreshOptions extends OidcCallOptions {
  readonly registration: OidcRegistration;
  readonly refreshToken: Secret;
  /** The sso-session name, for SsoSignInNeeded. */
  readonly session: string;
  /** The engine's clock: the new token's expiresAt is counted from it. */
  readonly now?: () => number;
}

const SIGN_IN_AGAIN = new Set([
  'InvalidGrantException',
  'ExpiredTokenException',
  'InvalidClientException',
  'UnauthorizedClientException',
  'AccessDeniedException',
]);

/**
 * A new access token from the refresh token. A refresh token or registration
 * the service no longer accepts ends in SsoSignInNeeded; throttling, 5xx and
 * network faults are SsoError retryable. The answer's refresh token, when the
 * service rotates it, replaces the old one.
 */
export async function refreshAccessToken(options: RefreshOptions): Promise<OidcTokens> {
  const { registration, refreshToken, session } = options;
  const now = options.now ?? Date.now;
  const grant: TokenGrant = { grantType: 'refresh_token', refreshToken };
  if (registration.expiresAt <= now()) {
    throw new SsoSignInNeeded(session, 'the client registration has expired');
  }
  const client = oidcClient(options);
  try {
    return await createToken(client, options, registration, grant, now);
  } catch (error) {
    const classified = classifySsoError(error, OIDC_SERVICE, grantSecrets(registration, grant));
    if (SIGN_IN_AGAIN.has(classified.code) || classified.httpStatus === 401) {
      throw new SsoSignInNeeded(session, `the refresh token was refused (${classified.code})`);
    }
    throw classified;
  } finally {
    client.destroy();
  }
}
