import { resolveCredentialsPaths } from '../credentials/credentials-paths';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { readRegularFileSync } from '../fs/regular-file';

/** `AWS_CONFIG_FILE` (with a leading `~/` expanded, as both SDKs do) or ~/.aws/config. */
export function awsConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveCredentialsPaths(env).configPath;
}

/**
 * The config file's text; '' (and `exists: false`) when it does not exist.
 * Other read errors are thrown as one-line Errors.
 */
export function readAwsConfig(env: NodeJS.ProcessEnv = process.env): {
  path: string;
  text: string;
  exists: boolean;
} {
  const path = awsConfigPath(env);
  try {
    // A FIFO or device as AWS_CONFIG_FILE is refused in one line, never waited on.
    return { path, text: readRegularFileSync(path).toString('utf8'), exists: true };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { path, text: '', exists: false };
    throw new Error(fsErrorMessage(error, path, 'read'), { cause: error });
  }
}
