import { runCli, type CommandTable, type RunOptions } from './run-cli';

export { describeError } from './run-cli';

// Each command is loaded only when it runs, so `--help` and a mistyped command
// never pay for parsing the AWS SDK.
const COMMANDS: CommandTable = {
  assume: async () => (await import('./commands/assume')).assumeCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  console: async () => (await import('./commands/console')).consoleCommand,
  roles: async () => (await import('./commands/roles/roles')).rolesCommand,
  accounts: async () => (await import('./commands/accounts/accounts')).accountsCommand,
  keys: async () => (await import('./commands/keys')).keysCommand,
  activate: async () => (await import('./commands/sessions/session-commands')).activateCommand,
  deactivate: async () => (await import('./commands/sessions/session-commands')).deactivateCommand,
  refresh: async () => (await import('./commands/sessions/session-commands')).refreshCommand,
  status: async () => (await import('./commands/sessions/session-commands')).statusCommand,
  'credential-process': async () =>
    (await import('./commands/sessions/session-commands')).credentialProcessCommand,
  daemon: async () => (await import('./commands/sessions/daemon')).daemonCommand,
  endpoint: async () => (await import('./commands/endpoint')).endpointCommand,
  env: async () => (await import('./commands/exec/env')).envCommand,
  exec: async () => (await import('./commands/exec/exec')).execCommand,
  sso: async () => (await import('./commands/sso/sso')).ssoCommand,
  catalog: async () => (await import('./commands/catalog/catalog')).catalogCommand,
};

/** Runs the command line; sets process.exitCode (0, 1 for AWS/file errors, 2 for bad input). */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<void> {
  return runCli(COMMANDS, argv, options);
}
