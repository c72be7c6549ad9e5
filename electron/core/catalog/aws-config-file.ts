import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { errorCode, fsErrorMessage } from '../credentials/fs-error-message';

/** The home folder the AWS SDKs use: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS's answer. */
function awsHome(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  return homedir();
}

/** `AWS_CONFIG_FILE` (with a leading `~/` expanded, as both SDKs do) or ~/.aws/config. */
export function awsConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.AWS_CONFIG_FILE;
  if (configured) {
    return configured.startsWith('~/') ? join(awsHome(env), configured.slice(2)) : configured;
  }
  return join(awsHome(env), '.aws', 'config');
}

/** The config file's text; '' when it does not exist. Other read errors are thrown as one-line Errors. */
export function readAwsConfig(env: NodeJS.ProcessEnv = process.env): {
  path: string;
  text: string;
} {
  const path = awsConfigPath(env);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { path, text: '' };
    throw new Error(fsErrorMessage(error, path, 'read'), { cause: error });
  }
}
