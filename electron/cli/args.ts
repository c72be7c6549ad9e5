import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../../shared/input-error';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/**
 * node:util parseArgs, strict, with its errors turned into one-line InputErrors
 * that say how to get help.
 */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: Options,
): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs messages are multi-line for some cases; keep the first line.
    const first = message.split('\n')[0]?.replace(/\.$/, '') ?? message;
    throw new InputError('arguments', `${first}; run \`switchyard ${command} --help\``);
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
