import type { Partition } from '../../../shared/partitions';
import type { SharedConfigFiles } from './sdk-shared-config';
import { isHttpUrl, regionalStsEndpoint, stsEndpointFromEnv } from './sts-endpoint';

/**
 * The one rule, for `switchyard assume` and the engine's gateway alike, of
 * whether Switchyard's own signer may call STS for a set of settings, or the
 * AWS SDK must. A setting the direct path cannot honour exactly (FIPS,
 * dual-stack, the legacy global endpoint, configured-endpoint switches, other
 * signing schemes) sends the call to the SDK; the CA bundle both paths honour
 * (ca-bundle.ts), so it decides nothing here.
 */

/** Environment settings that change how STS is reached or signed. */
const SDK_ENV = [
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_AUTH_SCHEME_PREFERENCE',
  'AWS_SIGV4A_SIGNING_REGION_SET',
] as const;
/** The same settings in a profile (and a profile's own endpoints). */
const SDK_PROFILE_KEYS = [
  'endpoint_url',
  'services',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'sts_regional_endpoints',
  'ignore_configured_endpoint_urls',
  'auth_scheme_preference',
  'sigv4a_signing_region_set',
] as const;

export interface StsRouteInputs {
  readonly env: NodeJS.ProcessEnv;
  readonly region: string;
  readonly partition: Partition;
  /** The shared files, read as the SDK reads them. */
  readonly files: SharedConfigFiles;
  /** Profiles whose settings apply: AWS_PROFILE's (or default), and a named source profile. */
  readonly profiles: readonly string[];
  /** An endpoint given explicitly (the engine's own env); else the environment's, else regional. */
  readonly endpoint?: string | undefined;
}

export type StsRoute =
  | { readonly via: 'direct'; readonly endpoint: string }
  | { readonly via: 'sdk'; readonly reason: string };

/** The profile whose client settings the SDK reads: AWS_PROFILE, else default. */
export function settingsProfile(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || 'default';
}

export function stsRoute(inputs: StsRouteInputs): StsRoute {
  const { env } = inputs;
  const setting = SDK_ENV.find((name) => env[name] !== undefined);
  if (setting) return { via: 'sdk', reason: setting };
  // An empty AWS_PROFILE means different things to different readers.
  if (env.AWS_PROFILE === '') return { via: 'sdk', reason: 'AWS_PROFILE is empty' };
  for (const name of new Set(inputs.profiles)) {
    for (const section of [inputs.files.configFile[name], inputs.files.credentialsFile[name]]) {
      const key = SDK_PROFILE_KEYS.find((k) => section && Object.hasOwn(section, k));
      if (key) return { via: 'sdk', reason: `${key} in profile "${name}"` };
    }
  }
  const endpoint =
    inputs.endpoint ??
    stsEndpointFromEnv(env) ??
    regionalStsEndpoint(inputs.region, inputs.partition);
  // An endpoint that is not an http(s) URL gets the SDK's own verdict.
  if (!isHttpUrl(endpoint)) return { via: 'sdk', reason: 'endpoint is not an http(s) URL' };
  return { via: 'direct', endpoint };
}
