import { loadSharedConfigFiles } from '@smithy/core/config';
import { Secret } from '../secret';
import type { StaticKeys } from './sts-query-client';

/**
 * Decides whether the source credentials of an AssumeRole (by `assume`, or by
 * the refresher) are plain keys that Switchyard can sign with itself, and
 * returns them; anything else (a role_arn profile, SSO, credential_process,
 * web identity, the instance or container role, endpoint or FIPS settings) is
 * left to the AWS SDK. The files are read with the SDK's own INI loader, so a
 * profile means exactly what it means to the SDK: the same precedence,
 * comments and case rules.
 */

export interface StaticSourceInputs {
  /** --source-profile; otherwise the SDK's default chain (env keys, AWS_PROFILE, default). */
  readonly sourceProfile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly credentialsPath: string;
  readonly configPath: string;
}

export interface StaticSource {
  readonly keys: StaticKeys;
  /** Where they came from, for messages: "environment" or `profile "NAME"`. */
  readonly origin: string;
}

/** Settings that change how the SDK reaches or signs for STS: left to the SDK. */
const SDK_ENV = [
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_CA_BUNDLE',
  'AWS_AUTH_SCHEME_PREFERENCE',
  'AWS_SIGV4A_SIGNING_REGION_SET',
] as const;
const SDK_PROFILE_KEYS = [
  'endpoint_url',
  'services',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'sts_regional_endpoints',
  'ignore_configured_endpoint_urls',
  'ca_bundle',
  'auth_scheme_preference',
  'sigv4a_signing_region_set',
] as const;

/** Access key ids, secrets and session tokens are base64-ish; anything else is the SDK's to judge. */
const KEY_TEXT = /^[A-Za-z0-9/+=]+$/;

export async function resolveStaticSource(
  inputs: StaticSourceInputs,
): Promise<StaticSource | undefined> {
  const { env } = inputs;
  if (SDK_ENV.some((name) => env[name] !== undefined)) return undefined;
  // An empty AWS_PROFILE means different things to different readers.
  if (env.AWS_PROFILE === '') return undefined;

  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    filepath: inputs.credentialsPath,
    configFilepath: inputs.configPath,
    ignoreCache: true,
  });
  const settingsProfile = env.AWS_PROFILE ?? 'default';
  const profileName = inputs.sourceProfile ?? settingsProfile;
  for (const name of new Set([settingsProfile, profileName])) {
    const sections = [configFile[name], credentialsFile[name]];
    if (sections.some((s) => s && SDK_PROFILE_KEYS.some((key) => s[key] !== undefined))) {
      return undefined;
    }
  }

  // The SDK's default chain: environment keys first, unless a profile was named.
  if (inputs.sourceProfile === undefined && env.AWS_PROFILE === undefined) {
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return keysFrom(
        env.AWS_ACCESS_KEY_ID,
        env.AWS_SECRET_ACCESS_KEY,
        env.AWS_SESSION_TOKEN || undefined,
        'environment',
      );
    }
  }

  // Credentials-file keys over config-file keys, as the SDK merges them.
  const profile = { ...configFile[profileName], ...credentialsFile[profileName] };
  // On the profile asked for, role_arn beats static keys (the SDK assumes the role).
  if (profile.role_arn !== undefined) return undefined;
  const { aws_access_key_id: id, aws_secret_access_key: secret } = profile;
  if (id === undefined || secret === undefined) return undefined;
  return keysFrom(id, secret, profile.aws_session_token, `profile "${profileName}"`);
}

function keysFrom(
  accessKeyId: string,
  secretAccessKey: string,
  sessionToken: string | undefined,
  origin: string,
): StaticSource | undefined {
  const parts = [
    accessKeyId,
    secretAccessKey,
    ...(sessionToken === undefined ? [] : [sessionToken]),
  ];
  if (!parts.every((part) => KEY_TEXT.test(part))) return undefined;
  return {
    keys: {
      accessKeyId: new Secret(accessKeyId),
      secretAccessKey: new Secret(secretAccessKey),
      ...(sessionToken === undefined ? {} : { sessionToken: new Secret(sessionToken) }),
    },
    origin,
  };
}
