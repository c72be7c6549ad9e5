import { classifySsoError, SsoError, SsoSignInNeeded } from './sso-errors';

/**
 * What a failed portal call means: classified as every Identity Center call
 * is (classifySsoError: 429, 5xx, timeouts and network faults retryable; TLS
 * trust a setting to fix; 400/404 requests retrying cannot mend), with the
 * portal's own two meanings on top: 401 is a sign-in (the token is no good,
 * whatever the cache says), 403 a role no longer assigned.
 */

export interface PortalErrorContext {
  /** The sso-session the call was made for (named in SsoSignInNeeded). */
  readonly session: string;
  /** What was being done, e.g. `GetRoleCredentials for Admin in 111111111111`. */
  readonly action: string;
  /** Values that must never reach a message (the access token). */
  readonly secrets?: readonly string[];
}

export function classifyPortalError(
  error: unknown,
  context: PortalErrorContext,
): SsoError | SsoSignInNeeded {
  if (error instanceof SsoSignInNeeded) return error;
  const where = `IAM Identity Center portal, ${context.action}`;
  const classified = classifySsoError(error, where, context.secrets ?? []);
  const { code, httpStatus } = classified;
  if (code === 'UnauthorizedException' || httpStatus === 401) {
    return new SsoSignInNeeded(context.session, `the portal refused the access token (${code})`);
  }
  if (code === 'ForbiddenException' || httpStatus === 403) {
    return new SsoError(
      'needs-user',
      code,
      `${classified.message} (the role is not assigned to you, or no longer is: run sso sync)`,
      httpStatus,
    );
  }
  return classified;
}
