import type { Partition } from '../../../shared/partitions';
import { loadCaBundle, type CaBundle } from './ca-bundle';
import type { FetchContainerOptions } from './container-credentials';
import { loadSharedConfig, type SharedConfigFiles } from './sdk-shared-config';
import { staticSource } from './static-source';
import { settingsProfile, stsRoute } from './sts-route';
import type { StaticKeys } from './sts-query-client';
import { callDeadlineMs } from './call-deadline';

/**
 * How one STS client of Switchyard's calls STS, for `switchyard assume` and the
 * engine's gateway alike: signed in process (an endpoint and plain keys), or
 * through the AWS SDK (and why); with the CA bundle, when one is set, either way.
 * Plain keys are keys in hand, a static profile or environment keys, a
 * credential_process's answer, or, where the default chain would reach it, the
 * container credentials endpoint's answer.
 */

export interface StsCallPlanInputs {
  readonly env: NodeJS.ProcessEnv;
  readonly region: string;
  readonly partition: Partition;
  readonly credentialsPath: string;
  readonly configPath: string;
  /** --source-profile, or the engine's profile source; otherwise the default chain. */
  readonly sourceProfile?: string | undefined;
  /** Keys already in hand (the keychain, an MFA session, a chained role's session). */
  readonly keys?: StaticKeys | undefined;
  /** An endpoint given explicitly; else the environment's, else STS's regional one. */
  readonly endpoint?: string | undefined;
  /** The SDK's default chain is the source (the engine's: it reads process.env). */
  readonly sdkSource?: boolean;
  /** How long a credential_process may take before it is killed; default 32 s. */
  readonly sourceDeadlineMs?: number | undefined;
  /** Kills a running credential_process when aborted (the engine stopping). */
  readonly signal?: AbortSignal | undefined;
  /** Timeouts and retries of the container credentials endpoint (tests shorten them). */
  readonly container?: FetchContainerOptions;
}

export interface StsCallPlan {
  /** Set when Switchyard signs the call itself. */
  readonly direct?: { readonly endpoint: string; readonly keys: StaticKeys };
  /** Why the SDK is used instead, for debugging. */
  readonly sdkReason?: string;
  readonly ca?: CaBundle;
}

export async function planStsCall(inputs: StsCallPlanInputs): Promise<StsCallPlan> {
  const { env, sourceProfile } = inputs;
  const files = await loadSharedConfig(inputs);
  const settings = settingsProfile(env);
  // The named source profile's own settings first (as `aws --profile` reads them).
  const profiles = sourceProfile === undefined ? [settings] : [sourceProfile, settings];
  const route = stsRoute({
    env,
    region: inputs.region,
    partition: inputs.partition,
    files,
    profiles,
    endpoint: inputs.endpoint,
  });
  // A plain-http endpoint (a local test server) has no certificate to check:
  // the bundle, often the system's whole list, is not read and parsed for it.
  const plainHttp = route.via === 'direct' && new URL(route.endpoint).protocol === 'http:';
  const ca = plainHttp ? undefined : await loadCaBundle(env, files, profiles);
  const withCa = ca ? { ca } : {};
  if (route.via === 'sdk') return { sdkReason: route.reason, ...withCa };
  if (inputs.sdkSource) return { sdkReason: 'the default credential chain', ...withCa };
  const keys = inputs.keys ?? (await sourceKeys(inputs, files));
  if (!keys) return { sdkReason: 'the source credentials are not plain keys', ...withCa };
  return { direct: { endpoint: route.endpoint, keys }, ...withCa };
}

/** The SDK gateway's default deadline (3 attempts of 10 s, a second between). */
const DEFAULT_SOURCE_DEADLINE_MS = callDeadlineMs({});

/**
 * Keys in the order the default chain finds them: environment or profile keys,
 * a profile's credential_process (run by Switchyard's runner, killed at the
 * deadline), else the container endpoint's keys.
 */
async function sourceKeys(
  inputs: StsCallPlanInputs,
  files: SharedConfigFiles,
): Promise<StaticKeys | undefined> {
  const { env, sourceProfile } = inputs;
  const plain = staticSource({ sourceProfile, env, files });
  if (plain) return plain.keys;
  // Loaded only past plain keys: `assume` with plain keys parses none of it.
  const { processSource } = await import('./process-source');
  const helper = processSource({ sourceProfile, env, files });
  if (helper) {
    const { runCredentialProcess } = await import('./credential-process');
    const deadlineMs = inputs.sourceDeadlineMs ?? DEFAULT_SOURCE_DEADLINE_MS;
    const signal = inputs.signal;
    return (
      await runCredentialProcess({ ...helper, deadlineMs, env, ...(signal ? { signal } : {}) })
    ).keys;
  }
  const { containerSource } = await import('./container-source');
  const container = containerSource({ sourceProfile, env, files });
  if (!container) return undefined;
  const { fetchContainerCredentials } = await import('./container-credentials');
  return (await fetchContainerCredentials(container, inputs.container)).keys;
}
