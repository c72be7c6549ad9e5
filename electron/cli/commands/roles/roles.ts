import { InputError } from '../../../../shared/input-error';
import { quoteValue } from '../../../../shared/quote-value';

type Subcommand = (argv: readonly string[]) => Promise<void>;

// Loaded when run, like the top-level commands.
const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  list: async () => (await import('./list')).rolesListCommand,
  add: async () => (await import('./add')).rolesAddCommand,
  edit: async () => (await import('./edit')).rolesEditCommand,
  remove: async () => (await import('./remove')).rolesRemoveCommand,
  import: async () => (await import('./import-config')).rolesImportCommand,
  export: async () => (await import('./export')).rolesExportCommand,
  'import-catalog': async () => (await import('./import-catalog')).rolesImportCatalogCommand,
};

const NAMES = Object.keys(SUBCOMMANDS).join(', ');

/** `switchyard roles <subcommand> …`: the role catalog. */
export async function rolesCommand(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  const load =
    name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!load) {
    const problem =
      name === undefined ? 'missing subcommand' : `unknown subcommand ${quoteValue(name)}`;
    throw new InputError(
      'subcommand',
      `roles: ${problem}; use one of ${NAMES}; run \`switchyard roles --help\``,
    );
  }
  await (
    await load()
  )(rest);
}
