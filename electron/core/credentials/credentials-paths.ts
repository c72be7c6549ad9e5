import { homedir as osHomedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CredentialsPaths {
  readonly credentialsPath: string;
  readonly configPath: string;
}

/**
 * The same files the AWS CLI and SDKs read: AWS_SHARED_CREDENTIALS_FILE and
 * AWS_CONFIG_FILE, else ~/.aws/credentials and ~/.aws/config. Home is found the
 * way the JS SDK does (HOME, USERPROFILE, HOMEDRIVE+HOMEPATH); `homedir` replaces
 * os.homedir() as the last resort. Returned paths are absolute.
 */
export function resolveCredentialsPaths(
  env: NodeJS.ProcessEnv = process.env,
  homedir?: string,
): CredentialsPaths {
  const home = homeDirectory(env, homedir);
  const fromEnv = (name: string, fallback: string): string => {
    const value = env[name];
    return resolve(value ? expandHome(value, home) : join(home, '.aws', fallback));
  };
  return {
    credentialsPath: fromEnv('AWS_SHARED_CREDENTIALS_FILE', 'credentials'),
    configPath: fromEnv('AWS_CONFIG_FILE', 'config'),
  };
}

function homeDirectory(env: NodeJS.ProcessEnv, fallback: string | undefined): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? ''}${env.HOMEPATH}`;
  return fallback ?? osHomedir();
}

/** botocore expands `~` with os.path.expanduser; the JS SDK expands a leading `~/`. */
function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return path;
}
