import { InputError } from '../../shared/input-error';
import { setAuditCaller } from '../core/audit/audit-caller';
import { plainHttpEndpointWarning } from '../../shared/plain-http-endpoint';
import { quietSdkWarnings } from './quiet-sdk-warnings';
import { cliVersion } from './version';

export type Command = (argv: readonly string[]) => Promise<void>;

/**
 * The help texts, loaded only to be printed: they are a fifth of `assume`'s
 * one-file bundle, which a cold run would otherwise read, compile and run.
 */
const helpTexts = () => import('./help');

/** Command name → loader; a loader imports its command only when it runs. */
export type CommandTable = Readonly<Record<string, () => Promise<Command>>>;

/** Commands whose first word picks what they do: the audit trail names both (`cli:sso login`). */
const WITH_SUBCOMMANDS = new Set([
  'roles',
  'accounts',
  'keys',
  'sso',
  'audit',
  'catalog',
  'endpoint',
]);

function auditName(name: string, rest: readonly string[]): string {
  const sub = rest[0];
  return WITH_SUBCOMMANDS.has(name) && sub !== undefined && /^[a-z][a-z-]*$/.test(sub)
    ? `cli:${name} ${sub}`
    : `cli:${name}`;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? text;
}

export function describeError(error: unknown): { message: string; exitCode: number } {
  const exitCode = error instanceof InputError ? 2 : 1;
  const message = error instanceof Error ? error.message : String(error);
  return { message: firstLine(message), exitCode };
}

/** How a command line is run. */
export interface RunOptions {
  /**
   * A one-file bundle (exec-main.ts) that hands the command line over has
   * already printed the plain-http endpoint warning: once is enough.
   */
  readonly endpointWarningShown?: boolean;
}

async function dispatch(
  commands: CommandTable,
  argv: readonly string[],
  options: RunOptions,
): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write((await helpTexts()).USAGE);
    return;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${cliVersion()}\n`);
    return;
  }
  if (name === 'help') {
    const topic = rest[0];
    const { COMMAND_HELP, USAGE } = await helpTexts();
    process.stdout.write(
      topic && Object.hasOwn(COMMAND_HELP, topic) ? COMMAND_HELP[topic]! : USAGE,
    );
    return;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    throw new InputError(
      'command',
      `unknown command ${JSON.stringify(name)}; run \`switchyard --help\``,
    );
  }
  // After `--` the words are another program's (`exec … -- ls -h`), never ours.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    const { COMMAND_HELP, USAGE } = await helpTexts();
    process.stdout.write(COMMAND_HELP[name] ?? USAGE);
    return;
  }
  const endpointWarning = options.endpointWarningShown
    ? undefined
    : plainHttpEndpointWarning(process.env);
  if (endpointWarning) process.stderr.write(`switchyard: warning: ${endpointWarning}\n`);
  setAuditCaller(auditName(name, rest));
  const command = await load();
  await command(rest);
}

/**
 * Runs a command line against a table of commands; sets process.exitCode (0, 1
 * for AWS/file errors, 2 for bad input). main.ts holds every command;
 * assume-main.ts only `assume`, exec-main.ts `exec` and `env`, for the one-file
 * bundles of their fast paths.
 */
export async function runCli(
  commands: CommandTable,
  argv: readonly string[],
  options: RunOptions = {},
): Promise<void> {
  quietSdkWarnings();
  try {
    await dispatch(commands, argv, options);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`switchyard: ${message}\n`);
    if (process.env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = exitCode;
  }
}
