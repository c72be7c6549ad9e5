import { homedir } from 'node:os';
import { InputError } from '../../../../shared/input-error';
import { quoteValue } from '../../../../shared/quote-value';
import { checkSsoSessionName } from '../../../../shared/validate-sso';
import { resolveCredentialsPaths } from '../../../core/credentials/credentials-paths';
import { readSsoSessions, type SsoSessionConfig } from '../../../core/sso/sso-config';
import { loadCaBundle } from '../../../core/sts/ca-bundle';

/** The config file, the home whose ~/.aws/sso/cache holds tokens, and the CA bundle: as the AWS CLI finds them. */
export function ssoPaths(env: NodeJS.ProcessEnv = process.env): {
  configPath: string;
  homeDir: string;
} {
  return { configPath: resolveCredentialsPaths(env).configPath, homeDir: env.HOME || homedir() };
}

export async function ssoCa(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return (await loadCaBundle(env, { configFile: {}, credentialsFile: {} }, []))?.pem;
}

/**
 * The session a command is about: `--session NAME`, or the only `[sso-session]`
 * of the config file. An unknown name or a choice to make is one line saying
 * what there is.
 */
export async function chooseSession(
  configPath: string,
  name: string | undefined,
  command: string,
): Promise<SsoSessionConfig> {
  const sessions = await readSsoSessions(configPath);
  const names = sessions.map((s) => s.name).join(', ');
  if (name !== undefined) {
    checkSsoSessionName(name, '--session');
    const found = sessions.find((s) => s.name === name);
    if (found) return found;
    throw new InputError(
      '--session',
      `--session: no [sso-session ${name}] in ${configPath}${sessions.length > 0 ? ` (there is ${names})` : ''}; add it with \`switchyard sso login <start-url> --region <region> --session-name ${name}\``,
    );
  }
  if (sessions.length === 1) return sessions[0]!;
  if (sessions.length === 0) {
    throw new InputError(
      'session',
      `no [sso-session] in ${configPath}; sign in with \`switchyard sso login <start-url> --region <region>\``,
    );
  }
  throw new InputError(
    '--session',
    `${configPath} has several sessions (${names}); choose one with \`switchyard sso ${command} --session NAME\``,
  );
}

/** `d-1234567890` from `https://d-1234567890.awsapps.com/start`: a session name from the start URL. */
export function sessionNameFor(startUrl: string, taken: readonly string[]): string {
  const host = new URL(startUrl).hostname.split('.')[0] ?? 'sso';
  const base = host.replace(/[^\w@+.%:/-]/g, '-').slice(0, 60) || 'sso';
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}-${n}`;
  return name;
}

export function describeSession(session: SsoSessionConfig): string {
  return `${quoteValue(session.name)} (${session.startUrl}, ${session.region})`;
}
