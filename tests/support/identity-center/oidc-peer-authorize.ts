/**
 * GET /authorize, the page a browser opens for the authorization code flow:
 * the query is checked as the OIDC service checks it, and the answer is where
 * the browser goes next once the user decides (a 302 to the client's loopback
 * redirect URI with `code` and `state`, or `error=access_denied`).
 */
import { OidcRefusal } from './oidc-peer-errors';
import { redirectMatches, type OidcGrants } from './oidc-peer-grants';

export interface AuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
  readonly scopes: readonly string[];
}

/**
 * The checked request, or a refusal. A bad client or redirect URI is never
 * redirected to (RFC 6749 §4.1.2.1): the page itself says what is wrong.
 */
export function checkAuthorize(grants: OidcGrants, query: URLSearchParams): AuthorizeRequest {
  const clientId = query.get('client_id') ?? '';
  const client = grants.clients.get(clientId);
  if (!client || client.expiresAt <= grants.settings.now()) {
    throw new OidcRefusal('invalid_client');
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!redirectMatches(client.redirectUris, redirectUri)) {
    throw new OidcRefusal('invalid_redirect_uri');
  }
  if (!client.grantTypes.includes('authorization_code')) {
    throw new OidcRefusal('unauthorized_client');
  }
  if (query.get('response_type') !== 'code') {
    throw new OidcRefusal('invalid_request', 'response_type must be code');
  }
  const state = query.get('state') ?? '';
  const challenge = query.get('code_challenge') ?? '';
  if (state === '' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    throw new OidcRefusal('invalid_request', 'state and an S256 code_challenge are required');
  }
  if (query.get('code_challenge_method') !== 'S256') {
    throw new OidcRefusal('invalid_request', 'code_challenge_method must be S256');
  }
  const scopes = (query.get('scopes') ?? '').split(/[ ,]+/).filter((s) => s !== '');
  if (scopes.some((scope) => !client.scopes.includes(scope))) {
    throw new OidcRefusal('invalid_scope');
  }
  return { clientId, redirectUri, state, challenge, scopes };
}

/** Where the browser is sent once the user approved or denied. */
export function decisionLocation(
  grants: OidcGrants,
  request: AuthorizeRequest,
  startUrl: string,
  approved: boolean,
): string {
  const target = new URL(request.redirectUri);
  if (approved) {
    const code = grants.issueCode({
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      challenge: request.challenge,
      startUrl,
    });
    target.searchParams.set('code', code);
  } else {
    target.searchParams.set('error', 'access_denied');
  }
  target.searchParams.set('state', request.state);
  return target.toString();
}
