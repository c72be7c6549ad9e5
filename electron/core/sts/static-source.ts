import { Secret } from '../secret';
import type { SharedConfigFiles } from './sdk-shared-config';
import type { StaticKeys } from './sts-query-client';

/**
 * Decides whether the source credentials of an AssumeRole (by `assume`, or by
 * the refresher) are plain keys that Switchyard can sign with itself, and
 * returns them; anything else (a role_arn profile, SSO, credential_process,
 * web identity, the instance or container role) is left to the AWS SDK. The
 * files come read as the SDK's own INI loader reads them (sdk-shared-config.ts),
 * so a profile means exactly what it means to the SDK. Whether the settings let
 * Switchyard call STS itself at all is sts-route.ts's to say.
 */

export interface StaticSourceInputs {
  /** --source-profile; otherwise the SDK's default chain (env keys, AWS_PROFILE, default). */
  readonly sourceProfile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly files: SharedConfigFiles;
}

export interface StaticSource {
  readonly keys: StaticKeys;
  /** Where they came from, for messages: "environment" or `profile "NAME"`. */
  readonly origin: string;
}

/** Access key ids, secrets and session tokens are base64-ish; anything else is the SDK's to judge. */
const KEY_TEXT = /^[A-Za-z0-9/+=]+$/;

export function staticSource(inputs: StaticSourceInputs): StaticSource | undefined {
  const { env, files } = inputs;
  // An empty AWS_PROFILE means different things to different readers.
  if (env.AWS_PROFILE === '') return undefined;
  const profileName = inputs.sourceProfile ?? env.AWS_PROFILE ?? 'default';

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
  const profile = { ...files.configFile[profileName], ...files.credentialsFile[profileName] };
  // On the profile asked for, role_arn beats static keys (the SDK assumes the role).
  if (profile.role_arn !== undefined) return undefined;
  const { aws_access_key_id: id, aws_secret_access_key: secret } = profile;
  if (id === undefined || secret === undefined) return undefined;
  return keysFrom(id, secret, profile.aws_session_token, `profile "${profileName}"`);
}

export function keysFrom(
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
