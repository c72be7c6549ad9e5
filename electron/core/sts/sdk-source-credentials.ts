import type { STSClientConfig } from '@aws-sdk/client-sts';
import { defaultProvider, type DefaultProviderInit } from '@aws-sdk/credential-provider-node';
import type { Secret } from '../secret';
import { resolveCredentialsPaths } from '../credentials/credentials-paths';
import { processAwareProvider } from './process-source';
import { StsError } from './sts-error';

/** Where the caller's own (source) credentials come from. */
export type CredentialSource =
  | { readonly kind: 'default' }
  | { readonly kind: 'profile'; readonly profile: string }
  | {
      readonly kind: 'keys';
      readonly accessKeyId: Secret;
      readonly secretAccessKey: Secret;
      readonly sessionToken?: Secret;
    };

export interface SourceCredentialsOptions {
  readonly source: CredentialSource;
  /** The whole of one resolution (a credential_process, an SSO or container call). */
  readonly deadlineMs: number;
  /** The SDK client options of a role profile's own STS calls (its CA bundle). */
  readonly clientConfig?: DefaultProviderInit['clientConfig'];
  /** The shared files a 'profile' source is read from (default: the SDK's own lookup). */
  readonly sharedFiles?: { readonly credentialsPath: string; readonly configPath: string };
  /** Aborted when the gateway is destroyed: ends a credential_process running for it. */
  readonly signal: AbortSignal;
}

/**
 * The caller's own credentials for the SDK's STS client. A profile or the
 * default chain goes through the SDK's provider, except that a
 * credential_process is run by Switchyard's own runner, killed at the
 * deadline, and the whole resolution has that deadline; keys are handed over
 * as they are.
 */
export function sourceCredentials(
  options: SourceCredentialsOptions,
): NonNullable<STSClientConfig['credentials']> {
  const { source, deadlineMs, clientConfig, signal } = options;
  if (source.kind === 'keys') {
    return async () => ({
      accessKeyId: source.accessKeyId.reveal(),
      secretAccessKey: source.secretAccessKey.reveal(),
      ...(source.sessionToken ? { sessionToken: source.sessionToken.reveal() } : {}),
    });
  }
  const sharedFiles = () => options.sharedFiles ?? resolveCredentialsPaths(process.env);
  const viaSdk = clientConfig === undefined ? {} : { clientConfig };
  if (source.kind === 'profile') {
    const sdkProvider = retryWhileRewritten(
      defaultProvider({
        profile: source.profile,
        // A long-running refresher must see the files as they are now: the SDK
        // otherwise caches ~/.aws/* for the life of the process.
        ignoreCache: true,
        ...viaSdk,
        ...(options.sharedFiles
          ? {
              filepath: options.sharedFiles.credentialsPath,
              configFilepath: options.sharedFiles.configPath,
            }
          : {}),
      }),
    );
    const provider = processAwareProvider({
      sdkProvider,
      sourceProfile: source.profile,
      sharedFiles,
      deadlineMs,
      signal,
    });
    return withDeadline(provider, deadlineMs, `profile "${source.profile}"`);
  }
  const provider = processAwareProvider({
    sdkProvider: defaultProvider(viaSdk),
    sourceProfile: undefined,
    sharedFiles,
    deadlineMs,
    signal,
  });
  return withDeadline(provider, deadlineMs, 'the default chain');
}

/**
 * A source that never resolves (an SSO or container endpoint that trickles, a
 * credential_process) fails after `ms`, naming the source. A credential_process
 * is run by Switchyard's runner, which kills it at the same deadline; one the
 * SDK runs itself (a role profile's source) ends only when the command does.
 */
function withDeadline<A extends unknown[], R>(
  provider: (...args: A) => Promise<R>,
  ms: number,
  label: string,
): (...args: A) => Promise<R> {
  return (...args: A) =>
    new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new StsError(
            'retryable',
            'SourceTimeout',
            `the source credentials of ${label} did not resolve within ${ms / 1000} s (a credential_process, SSO or container endpoint that does not answer?)`,
            undefined,
          ),
        );
      }, ms);
      timer.unref();
      provider(...args).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
}

/**
 * The SDK reads ~/.aws/credentials itself, and `aws configure set` rewrites that
 * file in place (truncate, then write): a read in between finds no profile and
 * fails with CredentialsProviderError, which would stop the refresher as if the
 * user had deleted the source. Look again a few times, briefly, before saying so.
 */
function retryWhileRewritten<A extends unknown[], R>(
  provider: (...args: A) => Promise<R>,
  attempts = 4,
  pauseMs = 25,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await provider(...args);
      } catch (error) {
        const name = (error as { name?: unknown } | undefined)?.name;
        if (attempt >= attempts || name !== 'CredentialsProviderError') throw error;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  };
}
