/**
 * The command line's options, read as node:util parseArgs reads them in strict
 * mode with positionals allowed, for the options Switchyard declares (string or
 * boolean, a short letter or not, repeatable or not; no defaults or negation). Its own
 * code because parseArgs is Node's code run cold on every command: loading and
 * running it was about 1 ms of a cold `assume`, this a tenth of that.
 * tests/unit/cli/option-parser.test.ts holds the two to the same answers.
 */

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Every occurrence kept, in order, in an array (else the last one wins). */
  readonly multiple?: boolean;
}

export type OptionValue = string | boolean | (string | boolean)[] | undefined;

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedOptions {
  readonly values: Record<string, OptionValue>;
  readonly positionals: string[];
}

/** What parseArgs would throw; `code` is its error code. */
export class OptionError extends Error {
  constructor(
    readonly code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' | 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    message: string,
  ) {
    super(message);
    this.name = 'OptionError';
  }
}

export function parseOptions(args: readonly string[], specs: OptionSpecs): ParsedOptions {
  const values: Record<string, OptionValue> = Object.create(null) as Record<string, OptionValue>;
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const name of Object.keys(specs)) {
    const short = specs[name]!.short;
    if (short !== undefined) byShort.set(short, name);
  }
  const spec = (name: string): OptionSpec | undefined =>
    Object.hasOwn(specs, name) ? specs[name] : undefined;
  const store = (name: string, option: OptionSpec, value: string | boolean): void => {
    const before = values[name];
    values[name] = option.multiple ? [...(Array.isArray(before) ? before : []), value] : value;
  };

  /** One option as written (`raw`), with the value written inside it or taken from the next word. */
  const take = (name: string, raw: string, inline: string | undefined, next: number): number => {
    const option = spec(name);
    if (option === undefined) throw unknown(raw);
    if (option.type === 'boolean') {
      if (inline !== undefined) {
        throw new OptionError(
          'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
          `Option '${label(name, option)}' does not take an argument`,
        );
      }
      store(name, option, true);
      return next;
    }
    if (inline !== undefined) {
      store(name, option, inline);
      return next;
    }
    const value = args[next];
    if (value === undefined) {
      throw new OptionError(
        'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
        `Option '${label(name, option)} <value>' argument missing`,
      );
    }
    if (value.length > 1 && value.startsWith('-')) {
      const long = `--${name}`;
      throw new OptionError(
        'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
        `Option '${raw}' argument is ambiguous; to give a value starting with a dash, write '${long}=${value}'`,
      );
    }
    store(name, option, value);
    return next + 1;
  };

  for (let at = 0; at < args.length;) {
    const arg = args[at]!;
    if (arg === '--') {
      positionals.push(...args.slice(at + 1));
      break;
    }
    if (arg.startsWith('--')) {
      // As parseArgs: `--name=value` only with the '=' past the name's first letter.
      const equals = arg.indexOf('=', 3);
      const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
      at = take(name, `--${name}`, equals < 0 ? undefined : arg.slice(equals + 1), at + 1);
      continue;
    }
    if (arg.length < 2 || !arg.startsWith('-')) {
      positionals.push(arg);
      at += 1;
      continue;
    }
    // `-x`, `-xVALUE` for a string option, else a group of letters (`-ab`): each
    // letter an option of its own, until a string option takes the rest of the
    // word as its value (or, last in the word, the next word).
    at += 1;
    for (let index = 1; index < arg.length; index++) {
      const letter = arg[index]!;
      const name = byShort.get(letter) ?? letter;
      const rest = arg.slice(index + 1);
      if (spec(name)?.type === 'string' && rest !== '') {
        at = take(name, `-${letter}`, rest, at);
        break;
      }
      at = take(name, `-${letter}`, undefined, at);
    }
  }
  return { values, positionals };
}

function label(name: string, option: OptionSpec): string {
  return option.short === undefined ? `--${name}` : `-${option.short}, --${name}`;
}

function unknown(raw: string): OptionError {
  return new OptionError('ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${raw}'`);
}
