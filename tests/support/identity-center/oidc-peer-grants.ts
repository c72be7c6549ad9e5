/**
 * What the fake OIDC service remembers and the rules it grants tokens by:
 * registered clients, device authorizations, authorization codes (PKCE S256)
 * and refresh tokens. Pure of HTTP: each method takes the parsed request and
 * returns the answer's fields or throws an OidcRefusal.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { OidcRefusal } from './oidc-peer-errors';
import type { TokenBook } from './token-book';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface GrantSettings {
  now: () => number;
  tokens: TokenBook;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  deviceCodeSeconds: number;
  interval: number;
  registrationSeconds: number;
  /** Device authorizations are approved as soon as they are made (else approve()). */
  autoApprove: boolean;
}

interface Client {
  id: string;
  secret: string;
  expiresAt: number;
  grantTypes: readonly string[];
  redirectUris: readonly string[];
  scopes: readonly string[];
}
interface DeviceAuthorization {
  clientId: string;
  startUrl: string;
  expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
}
interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  startUrl: string;
  expiresAt: number;
  used: boolean;
}
interface RefreshGrant {
  clientId: string;
  startUrl: string;
  expiresAt: number;
}

type Body = Record<string, unknown>;

const secret = (prefix: string): string => `${prefix}${randomBytes(24).toString('base64url')}`;
const text = (body: Body, key: string): string | undefined =>
  typeof body[key] === 'string' && body[key] !== '' ? body[key] : undefined;
const list = (body: Body, key: string): string[] | undefined =>
  Array.isArray(body[key])
    ? body[key].filter((v): v is string => typeof v === 'string')
    : undefined;

/**
 * A redirect URI matches a registered one exactly, or, for a loopback URI,
 * with any port (RFC 8252 §7.3: native apps bind whatever port is free).
 */
export function redirectMatches(registered: readonly string[], uri: string): boolean {
  let asked: URL;
  try {
    asked = new URL(uri);
  } catch {
    return false;
  }
  return registered.some((entry) => {
    if (entry === uri) return true;
    const known = new URL(entry);
    return (
      asked.hostname === '127.0.0.1' &&
      known.hostname === '127.0.0.1' &&
      asked.protocol === known.protocol &&
      asked.pathname === known.pathname &&
      known.port === ''
    );
  });
}

export class OidcGrants {
  readonly clients = new Map<string, Client>();
  readonly devices = new Map<string, DeviceAuthorization>();
  readonly codes = new Map<string, AuthCode>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  /** Every token issued, spent ones included, so tests can look for leaks. */
  readonly issuedAccessTokens: string[] = [];
  readonly spentRefreshTokens: string[] = [];

  constructor(readonly settings: GrantSettings) {}

  register(body: Body): Body {
    const name = text(body, 'clientName');
    if (!name || text(body, 'clientType') !== 'public') {
      throw new OidcRefusal('invalid_client_metadata', 'clientName and clientType public needed');
    }
    const grantTypes = list(body, 'grantTypes') ?? [DEVICE_GRANT, 'refresh_token'];
    const redirectUris = list(body, 'redirectUris') ?? [];
    if (grantTypes.includes('authorization_code')) {
      if (redirectUris.length === 0) throw new OidcRefusal('invalid_redirect_uri');
      if (!text(body, 'issuerUrl')) {
        throw new OidcRefusal('invalid_request', 'issuerUrl is required');
      }
    }
    const now = this.settings.now();
    const client: Client = {
      id: `client-${randomUUID()}`,
      secret: secret('cs-'),
      expiresAt: now + this.settings.registrationSeconds * 1000,
      grantTypes,
      redirectUris,
      scopes: list(body, 'scopes') ?? [],
    };
    this.clients.set(client.id, client);
    return {
      clientId: client.id,
      clientSecret: client.secret,
      clientIdIssuedAt: Math.floor(now / 1000),
      clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
    };
  }

  /** The client the request names, if its secret matches and has not expired. */
  client(body: Body): Client {
    const client = this.clients.get(text(body, 'clientId') ?? '');
    if (!client || client.secret !== text(body, 'clientSecret')) {
      throw new OidcRefusal('invalid_client');
    }
    if (client.expiresAt <= this.settings.now()) {
      throw new OidcRefusal('invalid_client', 'Client registration has expired');
    }
    return client;
  }

  startDevice(body: Body): Body {
    const client = this.client(body);
    const startUrl = text(body, 'startUrl');
    if (!startUrl) throw new OidcRefusal('invalid_request', 'startUrl is required');
    const deviceCode = secret('dc-');
    const userCode = randomBytes(4)
      .toString('hex')
      .toUpperCase()
      .replace(/^(.{4})/, '$1-');
    this.devices.set(deviceCode, {
      clientId: client.id,
      startUrl,
      expiresAt: this.settings.now() + this.settings.deviceCodeSeconds * 1000,
      state: this.settings.autoApprove ? 'approved' : 'pending',
    });
    const verificationUri = 'https://device.sso.us-east-1.amazonaws.com/';
    return {
      deviceCode,
      userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
      expiresIn: this.settings.deviceCodeSeconds,
      interval: this.settings.interval,
    };
  }

  /** Approve (or deny) every pending device authorization. */
  decideDevices(approve: boolean): number {
    let count = 0;
    for (const device of this.devices.values()) {
      if (device.state !== 'pending') continue;
      device.state = approve ? 'approved' : 'denied';
      count++;
    }
    return count;
  }

  issueCode(auth: Omit<AuthCode, 'used' | 'expiresAt'>): string {
    const code = secret('ac-');
    this.codes.set(code, { ...auth, used: false, expiresAt: this.settings.now() + 300_000 });
    return code;
  }

  token(body: Body): Body {
    const client = this.client(body);
    const grantType = text(body, 'grantType') ?? '';
    if (![DEVICE_GRANT, 'authorization_code', 'refresh_token'].includes(grantType)) {
      throw new OidcRefusal('unsupported_grant_type');
    }
    if (!client.grantTypes.includes(grantType)) throw new OidcRefusal('unauthorized_client');
    if (grantType === DEVICE_GRANT) return this.#deviceToken(client, body);
    if (grantType === 'authorization_code') return this.#codeToken(client, body);
    return this.#refreshToken(client, body);
  }

  #deviceToken(client: Client, body: Body): Body {
    const device = this.devices.get(text(body, 'deviceCode') ?? '');
    if (!device || device.clientId !== client.id || device.state === 'used') {
      throw new OidcRefusal('invalid_grant');
    }
    if (device.expiresAt <= this.settings.now()) throw new OidcRefusal('expired_token');
    if (device.state === 'pending') throw new OidcRefusal('authorization_pending');
    if (device.state === 'denied') throw new OidcRefusal('access_denied');
    device.state = 'used';
    return this.#tokens(client, device.startUrl);
  }

  #codeToken(client: Client, body: Body): Body {
    const code = this.codes.get(text(body, 'code') ?? '');
    if (
      !code ||
      code.used ||
      code.clientId !== client.id ||
      code.expiresAt <= this.settings.now()
    ) {
      throw new OidcRefusal('invalid_grant');
    }
    if (code.redirectUri !== text(body, 'redirectUri')) {
      throw new OidcRefusal('invalid_grant', 'redirectUri does not match the authorization');
    }
    const verifier = text(body, 'codeVerifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (verifier.length < 43 || challenge !== code.challenge) {
      throw new OidcRefusal('invalid_grant', 'Code verifier does not match the challenge');
    }
    code.used = true;
    return this.#tokens(client, code.startUrl);
  }

  #refreshToken(client: Client, body: Body): Body {
    const token = text(body, 'refreshToken') ?? '';
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.clientId !== client.id || grant.expiresAt <= this.settings.now()) {
      throw new OidcRefusal('invalid_grant', 'Refresh token is invalid or expired');
    }
    // Rotation: the old refresh token is spent, the answer carries a new one.
    this.refreshTokens.delete(token);
    this.spentRefreshTokens.push(token);
    return this.#tokens(client, grant.startUrl);
  }

  #tokens(client: Client, startUrl: string): Body {
    const now = this.settings.now();
    const accessToken = secret('at-');
    const refreshToken = secret('rt-');
    this.issuedAccessTokens.push(accessToken);
    this.settings.tokens.issue({
      accessToken,
      startUrl,
      expiresAt: now + this.settings.accessTokenSeconds * 1000,
    });
    if (client.grantTypes.includes('refresh_token')) {
      this.refreshTokens.set(refreshToken, {
        clientId: client.id,
        startUrl,
        expiresAt: now + this.settings.refreshTokenSeconds * 1000,
      });
    }
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.settings.accessTokenSeconds,
      ...(client.grantTypes.includes('refresh_token') ? { refreshToken } : {}),
    };
  }
}
