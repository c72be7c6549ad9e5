import { GetRoleCredentialsCommand, LogoutCommand, type SSOClient } from '@aws-sdk/client-sso';
import { Secret, type SessionCredentials } from '../secret';
import { createPortalClient, sendToPortal, type PortalConnection } from './portal-client';
import { SsoError, SsoSignInNeeded } from './sso-errors';

export interface GetRoleCredentialsOptions extends PortalConnection {
  readonly accessToken: Secret;
  readonly session: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly signal?: AbortSignal;
  /**
   * A client the caller owns and destroys, shared by many calls (a refresh
   * round of 300 roles must not build 300 SDK clients); default one per call.
   */
  readonly client?: SSOClient;
}

/**
 * A role's session from the portal (no AssumeRole). One attempt: a 429 is an
 * SsoError 'retryable' and the engine's round backs off, as for STS.
 */
export async function getRoleCredentials(
  options: GetRoleCredentialsOptions,
): Promise<SessionCredentials> {
  const client = options.client ?? createPortalClient(options);
  const accessToken = options.accessToken.reveal();
  const action = `GetRoleCredentials for ${options.roleName} in account ${options.accountId}`;
  try {
    const out = await sendToPortal(
      options,
      { session: options.session, action, secrets: [accessToken] },
      options.signal,
      (o) =>
        client.send(
          new GetRoleCredentialsCommand({
            accessToken,
            accountId: options.accountId,
            roleName: options.roleName,
          }),
          o,
        ),
    );
    const c = out.roleCredentials;
    // `expiration` is epoch milliseconds (the model's "long"), not seconds.
    const expiresAt = c?.expiration;
    if (
      !c?.accessKeyId ||
      !c.secretAccessKey ||
      !c.sessionToken ||
      typeof expiresAt !== 'number' ||
      !Number.isFinite(expiresAt) ||
      expiresAt <= 0
    ) {
      throw new SsoError(
        'retryable',
        'MalformedResponse',
        `IAM Identity Center portal, ${action}: the answer had no complete credentials`,
        200,
      );
    }
    return {
      accessKeyId: new Secret(c.accessKeyId),
      secretAccessKey: new Secret(c.secretAccessKey),
      sessionToken: new Secret(c.sessionToken),
      expiresAt,
    };
  } finally {
    if (!options.client) client.destroy();
  }
}

export interface PortalLogoutOptions extends PortalConnection {
  readonly accessToken: Secret;
  readonly signal?: AbortSignal;
}

/**
 * Ends the token's portal session. A token the portal already refuses (401)
 * is as logged out as it gets, so that is success too: `sso logout` goes on
 * to delete the cached token either way.
 */
export async function portalLogout(options: PortalLogoutOptions): Promise<void> {
  const client = createPortalClient(options);
  const accessToken = options.accessToken.reveal();
  try {
    await sendToPortal(
      options,
      { session: '', action: 'Logout', secrets: [accessToken] },
      options.signal,
      (o) => client.send(new LogoutCommand({ accessToken }), o),
    );
  } catch (error) {
    if (error instanceof SsoSignInNeeded) return;
    throw error;
  } finally {
    client.destroy();
  }
}
