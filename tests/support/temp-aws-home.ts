/**
 * A throwaway home folder with its own ~/.aws files, and an environment for child
 * processes (the CLI, the AWS CLI, Electron) that can only see that folder: nothing from
 * the developer's real AWS setup (AWS_PROFILE, keys, config paths) may leak into a test.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempAwsHomeOptions {
  /** Contents of .aws/credentials; omitted → the file is not created. */
  credentials?: string;
  /** Contents of .aws/config; omitted → the file is not created. */
  config?: string;
  /** Extra variables for `env` (applied last, so they can override anything). */
  env?: Record<string, string>;
}

export interface TempAwsHome {
  /** The temp folder; also HOME. */
  readonly home: string;
  readonly awsDir: string;
  readonly credentialsPath: string;
  readonly configPath: string;
  /** SWITCHYARD_CONFIG_DIR: the app's own settings live here. */
  readonly switchyardConfigDir: string;
  /** Full environment for child processes (PATH etc. kept, AWS_* replaced). */
  readonly env: NodeJS.ProcessEnv;
  /** Current contents of .aws/credentials ('' when missing). */
  readCredentials(): string;
  /** Current contents of .aws/config ('' when missing). */
  readConfig(): string;
  /** Remove the folder. Idempotent. */
  cleanup(): void;
}

/** Inherited variables that could point a child at another home or config. */
const ALSO_STRIPPED = [
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
  'XDG_CACHE_HOME',
  'USERPROFILE',
];

/** process.env without AWS_*, SWITCHYARD_* and MOTO_ACCOUNT_ID. */
export function cleanEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^(AWS_|SWITCHYARD_)/i.test(k) || k === 'MOTO_ACCOUNT_ID' || ALSO_STRIPPED.includes(k)) {
      continue;
    }
    env[k] = v;
  }
  return env;
}

export function createTempAwsHome(options: TempAwsHomeOptions = {}): TempAwsHome {
  const home = mkdtempSync(join(tmpdir(), 'switchyard-home-'));
  const awsDir = join(home, '.aws');
  const credentialsPath = join(awsDir, 'credentials');
  const configPath = join(awsDir, 'config');
  const switchyardConfigDir = join(home, '.config', 'switchyard');
  mkdirSync(awsDir, { recursive: true, mode: 0o700 });
  mkdirSync(switchyardConfigDir, { recursive: true, mode: 0o700 });
  // The AWS CLI writes these 0600; tests start from the same state.
  if (options.credentials !== undefined) {
    writeFileSync(credentialsPath, options.credentials, { mode: 0o600 });
    chmodSync(credentialsPath, 0o600);
  }
  if (options.config !== undefined) {
    writeFileSync(configPath, options.config, { mode: 0o600 });
    chmodSync(configPath, 0o600);
  }

  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    // bin/switchyard keeps compiled code there (its code cache).
    XDG_CACHE_HOME: join(home, '.cache'),
    AWS_SHARED_CREDENTIALS_FILE: credentialsPath,
    AWS_CONFIG_FILE: configPath,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // AWS CLI v2 would otherwise pipe output through `less`.
    AWS_PAGER: '',
    SWITCHYARD_CONFIG_DIR: switchyardConfigDir,
    ...options.env,
  };

  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };

  return {
    home,
    awsDir,
    credentialsPath,
    configPath,
    switchyardConfigDir,
    env,
    readCredentials: () => read(credentialsPath),
    readConfig: () => read(configPath),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
