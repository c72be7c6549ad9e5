import { runCredentialProcess, type ProcessCredentials } from './credential-process';
import { loadSharedConfig, type SharedConfigFiles } from './sdk-shared-config';

/**
 * Where the SDK would run a `credential_process` for the source credentials,
 * Switchyard runs it itself (credential-process.ts), so a hung helper is killed
 * at the deadline. The SDK reaches it when the profile in use (--source-profile;
 * else, with no environment keys, AWS_PROFILE or default) has a
 * credential_process and nothing its INI provider tries first: no role_arn, no
 * static keys, no web identity. Anything else stays the SDK's.
 */

/** Keys that make the SDK's INI provider take another route before credential_process. */
const EARLIER_ROUTES = [
  'role_arn',
  'aws_access_key_id',
  'aws_secret_access_key',
  'web_identity_token_file',
];

export interface ProcessSource {
  readonly profile: string;
  readonly command: string;
}

export function processSource(inputs: {
  /** --source-profile, or the engine's profile source; undefined for the default chain. */
  readonly sourceProfile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly files: SharedConfigFiles;
}): ProcessSource | undefined {
  const { env, files } = inputs;
  let name = inputs.sourceProfile;
  if (name === undefined) {
    // An empty AWS_PROFILE means different things to different readers.
    if (env.AWS_PROFILE === '') return undefined;
    // The default chain tries environment keys first (unless AWS_PROFILE is set).
    if (env.AWS_PROFILE === undefined && (env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY)) {
      return undefined;
    }
    name = env.AWS_PROFILE ?? 'default';
  }
  // The SDK merges a profile's two sections, the credentials file's keys winning.
  const profile = { ...files.configFile[name], ...files.credentialsFile[name] };
  const command = profile.credential_process;
  if (typeof command !== 'string' || command === '') return undefined;
  if (EARLIER_ROUTES.some((key) => Object.hasOwn(profile, key))) return undefined;
  return { profile: name, command };
}

/** The SDK's credential identity, as its providers return it. */
interface Identity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The SDK refreshes credentials that have less than 5 minutes left. */
const REFRESH_MARGIN_MS = 300_000;

/**
 * The SDK gateway's source provider: a credential_process profile is run by
 * Switchyard's runner (its answer kept until 5 minutes before it expires, as the
 * SDK's default chain keeps it), anything else by the SDK's provider. The files
 * are read once per gateway, on first use.
 */
export function processAwareProvider(options: {
  readonly sdkProvider: () => Promise<Identity>;
  readonly sourceProfile: string | undefined;
  readonly sharedFiles: () => { credentialsPath: string; configPath: string };
  readonly deadlineMs: number;
  /** Kills a running credential_process when aborted (the gateway destroyed). */
  readonly signal?: AbortSignal;
}): () => Promise<Identity> {
  let route: Promise<ProcessSource | undefined> | undefined;
  let kept: { identity: Identity; expiresAt: number | undefined } | undefined;
  return async () => {
    route ??= loadSharedConfig(options.sharedFiles()).then((files) =>
      processSource({ sourceProfile: options.sourceProfile, env: process.env, files }),
    );
    const source = await route;
    if (!source) return options.sdkProvider();
    const fresh = kept && (kept.expiresAt ?? Infinity) - Date.now() > REFRESH_MARGIN_MS;
    if (!fresh) {
      const { deadlineMs, signal } = options;
      const answer = await runCredentialProcess({
        ...source,
        deadlineMs,
        ...(signal ? { signal } : {}),
      });
      kept = { identity: identityOf(answer), expiresAt: answer.expiresAt };
    }
    return kept!.identity;
  };
}

function identityOf(answer: ProcessCredentials): Identity {
  const { keys, expiresAt } = answer;
  return {
    accessKeyId: keys.accessKeyId.reveal(),
    secretAccessKey: keys.secretAccessKey.reveal(),
    ...(keys.sessionToken ? { sessionToken: keys.sessionToken.reveal() } : {}),
    ...(expiresAt !== undefined ? { expiration: new Date(expiresAt) } : {}),
  };
}
