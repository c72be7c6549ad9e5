import { homedir } from 'node:os';
import { loadCaBundle } from '../sts/ca-bundle';

/**
 * Where every Identity Center client finds its files and trust, as the AWS CLI
 * and SDKs do: the token cache under `$HOME/.aws/sso/cache`, and the
 * certificate authorities of AWS_CA_BUNDLE (the JS SDK reads neither itself).
 */
export function ssoHomeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** The PEM text of AWS_CA_BUNDLE, or undefined for Node's own list; a bad file is one line. */
export async function ssoCaBundle(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return (await loadCaBundle(env, { configFile: {}, credentialsFile: {} }, []))?.pem;
}
