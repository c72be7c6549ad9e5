import { runSubcommand, type SubcommandTable } from '../../subcommands';

const SUBCOMMANDS: SubcommandTable = {
  list: async () => (await import('./list')).rolesListCommand,
  add: async () => (await import('./add')).rolesAddCommand,
  edit: async () => (await import('./edit')).rolesEditCommand,
  remove: async () => (await import('./remove')).rolesRemoveCommand,
  import: async () => (await import('./import-config')).rolesImportCommand,
  export: async () => (await import('./export')).rolesExportCommand,
  'import-catalog': async () => (await import('./import-catalog')).rolesImportCatalogCommand,
};

/** `switchyard roles <subcommand> …`: the role catalog. */
export function rolesCommand(argv: readonly string[]): Promise<void> {
  return runSubcommand('roles', SUBCOMMANDS, argv);
}
