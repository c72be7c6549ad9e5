import { containerEndpoint, type ContainerEndpoint } from './container-credentials';
import type { SharedConfigFiles } from './sdk-shared-config';

/**
 * Whether the SDK's default chain (and botocore's) would end at the container
 * credentials endpoint: env keys, then the profile (static keys, role, web
 * identity, credential_process, SSO, login), then web identity from the
 * environment, then the container. Only the plain case is taken: no
 * --source-profile, AWS_PROFILE unset, no key or web-identity variables, and a
 * default profile that is absent or holds only settings that give no
 * credentials. Anything else is the SDK's (undefined).
 */

/** Settings a default profile may hold without giving credentials of its own. */
const HARMLESS_KEYS = new Set([
  'region',
  'output',
  'ca_bundle',
  'cli_pager',
  'cli_auto_prompt',
  'cli_binary_format',
  'cli_timestamp_format',
  'max_attempts',
  'retry_mode',
]);

/** Environment variables that put another source ahead of the container. */
const OTHER_SOURCES = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
] as const;

export function containerSource(inputs: {
  readonly sourceProfile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly files: SharedConfigFiles;
}): ContainerEndpoint | undefined {
  const { env, files } = inputs;
  if (inputs.sourceProfile !== undefined) return undefined;
  if (OTHER_SOURCES.some((name) => env[name] !== undefined)) return undefined;
  const profile = { ...files.configFile.default, ...files.credentialsFile.default };
  if (Object.keys(profile).some((key) => !HARMLESS_KEYS.has(key))) return undefined;
  return containerEndpoint(env);
}
