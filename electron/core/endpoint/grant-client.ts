import type { Secret } from '../secret';

/**
 * A grant on the running refresher's local credential endpoint: the two
 * variables a child process needs (`AWS_CONTAINER_CREDENTIALS_FULL_URI`,
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`) and the way to take it back.
 */
export interface GrantHandle {
  /** `http://127.0.0.1:<port>/…`: the container credentials URI for this grant. */
  readonly uri: string;
  /** The bearer token; only its SHA-256 is ever stored. */
  readonly token: Secret;
  /** Removes the grant; the endpoint answers 401 to its token from then on. */
  revoke(): Promise<void>;
}

export interface OpenGrantOptions {
  readonly roleId: string;
  /** `exec` grants die with `pid`; `endpoint` grants last until revoked. */
  readonly kind: 'exec' | 'endpoint';
  readonly pid?: number;
  /** An MFA code typed for this grant, when the role needs one. */
  readonly mfaCode?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Asks the running refresher for a grant. Resolves to undefined when no
 * refresher serves an endpoint (the caller then hands out keys instead).
 *
 * The interface the `exec` and `endpoint` commands build on; the endpoint
 * server and the grant registry are being built against it (issue #13).
 */
export async function openGrant(options: OpenGrantOptions): Promise<GrantHandle | undefined> {
  void options;
  return undefined;
}
