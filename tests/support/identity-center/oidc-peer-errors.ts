/**
 * The OIDC service's errors as AWS sends them (botocore's sso-oidc model,
 * 2019-06-10): a JSON body `{"error": <oauth code>, "error_description": …}`,
 * the exception's name in `x-amzn-ErrorType`, and the model's status
 * (400 for most, 401 for InvalidClientException, 500 for InternalServerException).
 */
export type OidcErrorCode =
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_client_metadata'
  | 'invalid_redirect_uri'
  | 'server_error';

const SHAPES: Record<OidcErrorCode, { type: string; status: number; description: string }> = {
  authorization_pending: {
    type: 'AuthorizationPendingException',
    status: 400,
    description: 'Authorization is still pending',
  },
  slow_down: { type: 'SlowDownException', status: 400, description: 'Client is polling too fast' },
  expired_token: { type: 'ExpiredTokenException', status: 400, description: 'Token is expired' },
  access_denied: {
    type: 'AccessDeniedException',
    status: 400,
    description: 'Authorization was denied',
  },
  invalid_grant: {
    type: 'InvalidGrantException',
    status: 400,
    description: 'Invalid grant provided',
  },
  invalid_client: {
    type: 'InvalidClientException',
    status: 401,
    description: 'Invalid client provided',
  },
  invalid_request: {
    type: 'InvalidRequestException',
    status: 400,
    description: 'Invalid request',
  },
  invalid_scope: { type: 'InvalidScopeException', status: 400, description: 'Invalid scope' },
  unauthorized_client: {
    type: 'UnauthorizedClientException',
    status: 400,
    description: 'Client is not authorized for this grant',
  },
  unsupported_grant_type: {
    type: 'UnsupportedGrantTypeException',
    status: 400,
    description: 'Unsupported grant type',
  },
  invalid_client_metadata: {
    type: 'InvalidClientMetadataException',
    status: 400,
    description: 'Invalid client metadata',
  },
  invalid_redirect_uri: {
    type: 'InvalidRedirectUriException',
    status: 400,
    description: 'Invalid redirect URI',
  },
  server_error: {
    type: 'InternalServerException',
    status: 500,
    description: 'An internal error occurred',
  },
};

/** A refusal the request handler throws; the server turns it into AWS's answer. */
export class OidcRefusal extends Error {
  constructor(
    readonly code: OidcErrorCode,
    readonly description: string = SHAPES[code].description,
  ) {
    super(`${code}: ${description}`);
  }

  get status(): number {
    return SHAPES[this.code].status;
  }

  get errorType(): string {
    return SHAPES[this.code].type;
  }

  body(): string {
    return JSON.stringify({ error: this.code, error_description: this.description });
  }
}

/**
 * One queued misbehaviour. An OAuth error answers as AWS would; `status` is a
 * bare HTTP answer (429 as a front door's throttling, 502/503 as a load
 * balancer's), `reset` cuts the connection after the request was read.
 */
export type OidcFault =
  | { readonly kind: 'error'; readonly code: OidcErrorCode; readonly description?: string }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'reset' };

export type OidcOperation = 'register' | 'device_authorization' | 'token' | 'authorize';

/** A queued fault, for one operation (and, for /token, one grant type if given). */
export interface OidcFaultRule {
  readonly operation: OidcOperation;
  readonly grantType?: string;
  readonly fault: OidcFault;
}

/** Throttling and gateway errors carry AWS's usual exception names. */
export function statusAnswer(status: number): { type: string; body: string } {
  if (status === 429) {
    return { type: 'ThrottlingException', body: JSON.stringify({ message: 'Rate exceeded' }) };
  }
  if (status === 503) {
    return {
      type: 'ServiceUnavailableException',
      body: JSON.stringify({ message: 'Service unavailable' }),
    };
  }
  return {
    type: 'InternalServerException',
    body: JSON.stringify({ error: 'server_error', error_description: `HTTP ${status}` }),
  };
}
