import { InputError } from '../../shared/input-error';
import { parseOptions, type OptionSpecs } from './option-parser';

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/**
 * A command's options and positionals, read as node:util parseArgs reads them
 * (strict, positionals allowed; option-parser.ts), every command taking
 * -h/--help; a mistake is a one-line InputError that says how to get help.
 */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: OptionSpecs,
): ParsedArgs {
  try {
    const { values, positionals } = parseOptions(argv, {
      ...options,
      help: { type: 'boolean', short: 'h' },
    });
    // Repeatable options' arrays are read with role-flags.ts's optionalStrings.
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError('arguments', `${message}; run \`switchyard ${command} --help\``);
  }
}

export function optionalString(values: ParsedArgs['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function expectPositionals(
  command: string,
  positionals: readonly string[],
  names: readonly string[],
): string[] {
  if (positionals.length < names.length) {
    const missing = names.slice(positionals.length).map((n) => `<${n}>`);
    throw new InputError(
      'arguments',
      `missing ${missing.join(' ')}; run \`switchyard ${command} --help\``,
    );
  }
  if (positionals.length > names.length) {
    const extra = positionals.slice(names.length).join(' ');
    throw new InputError(
      'arguments',
      `unexpected argument ${JSON.stringify(extra)}; run \`switchyard ${command} --help\``,
    );
  }
  return [...positionals];
}
