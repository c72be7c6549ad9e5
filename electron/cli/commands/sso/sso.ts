import { runSubcommand, type SubcommandTable } from '../../subcommands';

const SUBCOMMANDS: SubcommandTable = {
  login: async () => (await import('./login')).ssoLoginCommand,
  sessions: async () => (await import('./sessions')).ssoSessionsCommand,
  sync: async () => (await import('./sync')).ssoSyncCommand,
  logout: async () => (await import('./logout')).ssoLogoutCommand,
};

/** `switchyard sso <subcommand> …`: IAM Identity Center. */
export function ssoCommand(argv: readonly string[]): Promise<void> {
  return runSubcommand('sso', SUBCOMMANDS, argv);
}
