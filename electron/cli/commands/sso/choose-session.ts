import { quoteValue } from '../../../../shared/quote-value';
import { resolveCredentialsPaths } from '../../../core/credentials/credentials-paths';
import {
  chooseSession as chooseSsoSession,
  type SessionWords,
} from '../../../core/sso/choose-sso-session';
import type { SsoSessionConfig } from '../../../core/sso/sso-config';
import { ssoCaBundle, ssoHomeDir } from '../../../core/sso/sso-environment';

/** The config file, the home whose ~/.aws/sso/cache holds tokens, and the CA bundle: as the AWS CLI finds them. */
export function ssoPaths(env: NodeJS.ProcessEnv = process.env): {
  configPath: string;
  homeDir: string;
} {
  return { configPath: resolveCredentialsPaths(env).configPath, homeDir: ssoHomeDir(env) };
}

export function ssoCa(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return ssoCaBundle(env);
}

function cliWords(command: string): SessionWords {
  return {
    sessionField: '--session',
    addHint: (name) =>
      name === undefined
        ? 'sign in with `switchyard sso login <start-url> --region <region>`'
        : `add it with \`switchyard sso login <start-url> --region <region> --session-name ${name}\``,
    chooseHint: `choose one with \`switchyard sso ${command} --session NAME\``,
  };
}

/**
 * The session a command is about: `--session NAME`, or the only `[sso-session]`
 * of the config file. An unknown name or a choice to make is one line saying
 * what there is.
 */
export function chooseSession(
  configPath: string,
  name: string | undefined,
  command: string,
): Promise<SsoSessionConfig> {
  return chooseSsoSession(configPath, name, cliWords(command));
}

export function describeSession(session: SsoSessionConfig): string {
  return `${quoteValue(session.name)} (${session.startUrl}, ${session.region})`;
}
