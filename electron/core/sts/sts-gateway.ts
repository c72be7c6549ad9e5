import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import type { RoleArn } from '../../../shared/role-arn';
import { Secret, type SessionCredentials } from '../secret';
import { planDuration } from './assume-duration';
import { sessionCredentials } from './session-credentials';
import { classifyStsError, StsError } from './sts-error';
import { callDeadlineMs } from './call-deadline';
import { sourceCredentials, type CredentialSource } from './sdk-source-credentials';

export { CHAINED_MAX_SECONDS, DEFAULT_DURATION_SECONDS } from './assume-duration';
export { stsEndpointFromEnv } from './sts-endpoint';
export type { CredentialSource } from './sdk-source-credentials';

export interface StsGatewayOptions {
  readonly region: string;
  readonly source: CredentialSource;
  /** Per-request socket timeout. */
  readonly requestTimeoutMs?: number;
  /**
   * The whole of one call (every attempt, every byte of the answer) and of a
   * source's resolution (a credential_process, an SSO or container call); default:
   * the attempts' timeouts plus a second per retry.
   */
  readonly deadlineMs?: number;
  /** PEM certificate authorities that replace Node's list (AWS_CA_BUNDLE, ca_bundle). */
  readonly ca?: string;
  /** SDK attempts per call (1 = no SDK retry; the session manager retries itself). */
  readonly maxAttempts?: number;
  /**
   * An STS endpoint URL. Left out, the SDK follows AWS_ENDPOINT_URL_STS /
   * AWS_ENDPOINT_URL from process.env; an engine given its own env passes it here.
   */
  readonly endpoint?: string;
  /** The shared files a 'profile' source is read from (default: the SDK's own lookup). */
  readonly sharedFiles?: { readonly credentialsPath: string; readonly configPath: string };
}

export interface AssumeRoleRequest {
  readonly role: RoleArn;
  readonly sessionName: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
  readonly mfa?: { readonly serialNumber: string; readonly tokenCode: string };
  readonly sourceIdentity?: string;
}

export interface AssumedRole {
  readonly credentials: SessionCredentials;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  /** The duration asked of STS. */
  readonly durationSeconds: number;
  /** True when the source credentials were temporary (role chaining). */
  readonly chained: boolean;
  /** Set when the requested duration was lowered to the 1-hour chaining limit. */
  readonly durationCapped?: { readonly requested: number; readonly granted: number };
  /** When the cached MFA session it was assumed with ends (epoch ms): no renewal after that. */
  readonly mfaEndsAt?: number;
  /** Identity Center roles: until when their session's token can be had without a sign-in. */
  readonly signInEndsAt?: number;
}

export interface CallerIdentity {
  readonly arn: string;
  readonly account: string;
  readonly userId: string;
}

function toSessionCredentials(creds: StsCredentials | undefined): SessionCredentials {
  return sessionCredentials({
    accessKeyId: creds?.AccessKeyId,
    secretAccessKey: creds?.SecretAccessKey,
    sessionToken: creds?.SessionToken,
    expiresAt: creds?.Expiration?.getTime(),
  });
}

/**
 * The one seam between Switchyard and STS. Endpoints follow the SDK's own rules,
 * so AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL point it at a local server in tests.
 */
export class StsGateway {
  readonly #client: STSClient;
  readonly #source: CredentialSource;
  readonly #deadlineMs: number;

  /** Aborted by destroy(): ends a credential_process the source provider is running. */
  readonly #destroyed = new AbortController();

  constructor(options: StsGatewayOptions) {
    this.#source = options.source;
    const source = options.source;
    const attempts = options.maxAttempts ?? 3;
    const requestTimeout = options.requestTimeoutMs ?? 10_000;
    this.#deadlineMs = callDeadlineMs(options);
    const requestHandler = {
      // The SDK's request timeout is an idle timer (every byte resets it): the
      // deadline below bounds the whole call.
      requestTimeout,
      connectionTimeout: Math.min(requestTimeout, 5_000),
      // Without this the SDK only warns on a timed-out request and keeps waiting.
      throwOnRequestTimeout: true,
      ...(options.ca === undefined ? {} : { httpsAgent: { keepAlive: true, ca: options.ca } }),
    };
    this.#client = new STSClient({
      region: options.region,
      maxAttempts: attempts,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      requestHandler,
      credentials: sourceCredentials({
        source,
        deadlineMs: this.#deadlineMs,
        // Role profiles' own STS calls go through the same CA bundle.
        ...(options.ca === undefined ? {} : { clientConfig: { requestHandler } }),
        ...(options.sharedFiles ? { sharedFiles: options.sharedFiles } : {}),
        signal: this.#destroyed.signal,
      }),
    });
  }

  /** Whether the source credentials are temporary, which makes any AssumeRole a chain. */
  async sourceIsTemporary(): Promise<boolean> {
    if (this.#source.kind === 'keys') return this.#source.sessionToken !== undefined;
    try {
      const identity = await this.#client.config.credentials();
      return typeof identity.sessionToken === 'string' && identity.sessionToken.length > 0;
    } catch (error) {
      throw classifyStsError(error);
    }
  }

  /** The source credentials themselves, e.g. for a federated console sign-in. */
  async resolveSourceCredentials(): Promise<{
    accessKeyId: Secret;
    secretAccessKey: Secret;
    sessionToken: Secret | undefined;
  }> {
    try {
      const identity = await this.#client.config.credentials();
      return {
        accessKeyId: new Secret(identity.accessKeyId),
        secretAccessKey: new Secret(identity.secretAccessKey),
        sessionToken: identity.sessionToken ? new Secret(identity.sessionToken) : undefined,
      };
    } catch (error) {
      throw classifyStsError(error);
    }
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    const chained = await this.sourceIsTemporary();
    const { requested, granted } = planDuration(request.durationSeconds, chained);
    try {
      const out = await this.#send((o) =>
        this.#client.send(
          new AssumeRoleCommand({
            RoleArn: request.role.arn,
            RoleSessionName: request.sessionName,
            DurationSeconds: granted,
            ...(request.externalId ? { ExternalId: request.externalId } : {}),
            ...(request.mfa
              ? { SerialNumber: request.mfa.serialNumber, TokenCode: request.mfa.tokenCode }
              : {}),
            ...(request.sourceIdentity ? { SourceIdentity: request.sourceIdentity } : {}),
          }),
          o,
        ),
      );
      return {
        credentials: toSessionCredentials(out.Credentials),
        assumedRoleArn: out.AssumedRoleUser?.Arn ?? '',
        assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '',
        durationSeconds: granted,
        chained,
        ...(granted !== requested ? { durationCapped: { requested, granted } } : {}),
      };
    } catch (error) {
      throw classifyStsError(error);
    }
  }

  /** An MFA session from long-term keys, shared by every role assumed from them. */
  async getSessionToken(options: {
    durationSeconds?: number;
    mfa?: { serialNumber: string; tokenCode: string };
  }): Promise<SessionCredentials> {
    try {
      const out = await this.#send((o) =>
        this.#client.send(
          new GetSessionTokenCommand({
            ...(options.durationSeconds ? { DurationSeconds: options.durationSeconds } : {}),
            ...(options.mfa
              ? { SerialNumber: options.mfa.serialNumber, TokenCode: options.mfa.tokenCode }
              : {}),
          }),
          o,
        ),
      );
      return toSessionCredentials(out.Credentials);
    } catch (error) {
      throw classifyStsError(error);
    }
  }

  async getCallerIdentity(): Promise<CallerIdentity> {
    try {
      const out = await this.#send((o) => this.#client.send(new GetCallerIdentityCommand({}), o));
      return { arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? '' };
    } catch (error) {
      throw classifyStsError(error);
    }
  }

  destroy(): void {
    // A credential_process still running for this gateway is killed with it.
    this.#destroyed.abort();
    this.#client.destroy();
  }

  /** One command under the call's deadline: the SDK's own timer idles, this one does not. */
  async #send<T>(run: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    const abortSignal = AbortSignal.timeout(this.#deadlineMs);
    try {
      return await run({ abortSignal });
    } catch (error) {
      if (abortSignal.aborted && !(error instanceof StsError)) {
        throw new StsError(
          'retryable',
          'TimeoutError',
          `no complete answer from STS within ${this.#deadlineMs / 1000} s`,
          undefined,
        );
      }
      throw error;
    }
  }
}
