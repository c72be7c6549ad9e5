/**
 * The two ways an IAM Identity Center call fails, for every caller (sign-in,
 * refresh, the portal, the engine's rounds). Messages are one line and never
 * carry a token, code or credential.
 */

/** The token is gone (expired, revoked, refused): a person must sign in again. */
export class SsoSignInNeeded extends Error {
  override readonly name = 'SsoSignInNeeded';

  constructor(
    /** The [sso-session] name (or the start URL of a legacy profile). */
    readonly session: string,
    /** Why, in one line, without any secret. */
    readonly reason: string,
  ) {
    super(`IAM Identity Center session "${session}" needs a new sign-in: ${reason}`);
  }
}

/** Any other OIDC or portal failure, classified as STS errors are. */
export class SsoError extends Error {
  override readonly name = 'SsoError';

  constructor(
    readonly kind: 'retryable' | 'needs-user' | 'invalid-request',
    /** AWS's error code (e.g. "TooManyRequestsException"), or a network code. */
    readonly code: string,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}
