import { InputError } from '../../shared/input-error';
import { quoteValue } from '../../shared/quote-value';

export type Subcommand = (argv: readonly string[]) => Promise<void>;

/** Each subcommand's code, loaded only when it runs (like the top-level commands). */
export type SubcommandTable = Readonly<Record<string, () => Promise<Subcommand>>>;

/**
 * `switchyard <command> <subcommand> …`: runs the subcommand argv[0] names
 * with the rest; a missing or unknown one is one line listing what there is.
 */
export async function runSubcommand(
  command: string,
  table: SubcommandTable,
  argv: readonly string[],
): Promise<void> {
  const [name, ...rest] = argv;
  const load = name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!load) {
    const problem =
      name === undefined ? 'missing subcommand' : `unknown subcommand ${quoteValue(name)}`;
    const names = Object.keys(table);
    const choice = names.length === 2 ? `${names[0]} or ${names[1]}` : `one of ${names.join(', ')}`;
    throw new InputError(
      'subcommand',
      `${command}: ${problem}; use ${choice}; run \`switchyard ${command} --help\``,
    );
  }
  await (
    await load()
  )(rest);
}
