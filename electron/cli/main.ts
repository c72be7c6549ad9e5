import { InputError } from '../../shared/input-error';
import { plainHttpEndpointWarning } from '../../shared/plain-http-endpoint';
import { COMMAND_HELP, USAGE } from './help';
import { quietSdkWarnings } from './quiet-sdk-warnings';
import { cliVersion } from './version';

type Command = (argv: readonly string[]) => Promise<void>;

// Each command is loaded only when it runs, so `--help` and a mistyped command
// never pay for parsing the AWS SDK.
const COMMANDS: Record<string, () => Promise<Command>> = {
  assume: async () => (await import('./commands/assume')).assumeCommand,
  console: async () => (await import('./commands/console')).consoleCommand,
  roles: async () => (await import('./commands/roles/roles')).rolesCommand,
  keys: async () => (await import('./commands/keys')).keysCommand,
  activate: async () => (await import('./commands/sessions/session-commands')).activateCommand,
  deactivate: async () => (await import('./commands/sessions/session-commands')).deactivateCommand,
  refresh: async () => (await import('./commands/sessions/session-commands')).refreshCommand,
  status: async () => (await import('./commands/sessions/session-commands')).statusCommand,
  'credential-process': async () =>
    (await import('./commands/sessions/session-commands')).credentialProcessCommand,
  daemon: async () => (await import('./commands/sessions/daemon')).daemonCommand,
  sso: async () => (await import('./commands/sso/sso')).ssoCommand,
  catalog: async () => (await import('./commands/catalog/catalog')).catalogCommand,
};

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? text;
}

export function describeError(error: unknown): { message: string; exitCode: number } {
  const exitCode = error instanceof InputError ? 2 : 1;
  const message = error instanceof Error ? error.message : String(error);
  return { message: firstLine(message), exitCode };
}

async function dispatch(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${cliVersion()}\n`);
    return;
  }
  if (name === 'help') {
    const topic = rest[0];
    process.stdout.write(
      topic && Object.hasOwn(COMMAND_HELP, topic) ? COMMAND_HELP[topic]! : USAGE,
    );
    return;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    throw new InputError(
      'command',
      `unknown command ${JSON.stringify(name)}; run \`switchyard --help\``,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(COMMAND_HELP[name] ?? USAGE);
    return;
  }
  const endpointWarning = plainHttpEndpointWarning(process.env);
  if (endpointWarning) process.stderr.write(`switchyard: warning: ${endpointWarning}\n`);
  const command = await load();
  await command(rest);
}

/** Runs the command line; sets process.exitCode (0, 1 for AWS/file errors, 2 for bad input). */
export async function run(argv: readonly string[]): Promise<void> {
  quietSdkWarnings();
  try {
    await dispatch(argv);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`switchyard: ${message}\n`);
    if (process.env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = exitCode;
  }
}
