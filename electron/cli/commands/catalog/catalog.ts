import { runSubcommand, type SubcommandTable } from '../../subcommands';

const SUBCOMMANDS: SubcommandTable = {
  subscribe: async () => (await import('./subscribe')).catalogSubscribeCommand,
  subscriptions: async () => (await import('./subscriptions')).catalogSubscriptionsCommand,
  sync: async () => (await import('./sync')).catalogSyncCommand,
  unsubscribe: async () => (await import('./unsubscribe')).catalogUnsubscribeCommand,
};

/** `switchyard catalog <subcommand> …`: team catalog subscriptions. */
export function catalogCommand(argv: readonly string[]): Promise<void> {
  return runSubcommand('catalog', SUBCOMMANDS, argv);
}
