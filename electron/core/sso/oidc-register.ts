import { RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { Secret } from '../secret';
import { OIDC_SERVICE, oidcClient, sendOidc, type OidcCallOptions } from './oidc-call';
import { classifySsoError, SsoError } from './sso-errors';

/** A client registration with the OIDC service, reusable until `expiresAt`. */
export interface OidcRegistration {
  readonly clientId: string;
  readonly clientSecret: Secret;
  /** Epoch ms (the service's clientSecretExpiresAt). */
  readonly expiresAt: number;
}

export interface RegisterClientOptions extends OidcCallOptions {
  readonly scopes: readonly string[];
  readonly flow: 'device' | 'pkce';
  /** PKCE: the loopback redirect URI (any port matches a port-less one, RFC 8252). */
  readonly redirectUri?: string;
  /** PKCE: the start URL, which the service requires as the issuer. */
  readonly issuerUrl?: string;
  /** Shown to the user on AWS's consent page. */
  readonly clientName?: string;
}

/** The registration still usable for a flow starting now (a minute of slack). */
export function registrationUsable(
  registration: OidcRegistration | undefined,
  now = Date.now(),
): registration is OidcRegistration {
  return registration !== undefined && registration.expiresAt - 60_000 > now;
}

/**
 * RegisterClient. The device flow registers as the AWS CLI does (scopes only:
 * the service then allows the device code and refresh grants); PKCE names its
 * grants, its redirect URI and the start URL as issuer.
 */
export async function registerClient(options: RegisterClientOptions): Promise<OidcRegistration> {
  if (options.flow === 'pkce' && (!options.redirectUri || !options.issuerUrl)) {
    throw new TypeError('registerClient: the pkce flow needs redirectUri and issuerUrl');
  }
  const client = oidcClient(options);
  try {
    const out = await sendOidc(options, 'the client registration', (abortSignal) =>
      client.send(
        new RegisterClientCommand({
          clientName: options.clientName ?? 'switchyard',
          clientType: 'public',
          scopes: [...options.scopes],
          ...(options.flow === 'pkce'
            ? {
                grantTypes: ['authorization_code', 'refresh_token'],
                redirectUris: [options.redirectUri ?? ''],
                issuerUrl: options.issuerUrl,
              }
            : {}),
        }),
        { abortSignal },
      ),
    );
    if (!out.clientId || !out.clientSecret || typeof out.clientSecretExpiresAt !== 'number') {
      throw new SsoError(
        'retryable',
        'MalformedResponse',
        `${OIDC_SERVICE} answered RegisterClient without a client id, secret or expiry`,
      );
    }
    return {
      clientId: out.clientId,
      clientSecret: new Secret(out.clientSecret),
      expiresAt: out.clientSecretExpiresAt * 1000,
    };
  } catch (error) {
    throw classifySsoError(error, OIDC_SERVICE);
  } finally {
    client.destroy();
  }
}
