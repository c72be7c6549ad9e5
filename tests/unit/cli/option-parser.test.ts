import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../electron/cli/args';
import { OptionError, parseOptions, type OptionSpecs } from '../../../electron/cli/option-parser';
import { ROLE_FLAG_OPTIONS } from '../../../electron/cli/commands/roles/role-flags';
import { InputError } from '../../../shared/input-error';

/** assume's options, role flags (repeatable --tag), and short letters of both kinds. */
const SPEC_SETS: Record<string, OptionSpecs> = {
  assume: {
    'external-id': { type: 'string' },
    duration: { type: 'string' },
    'source-profile': { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  roles: {
    ...ROLE_FLAG_OPTIONS,
    clear: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
  shorts: {
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean', short: 'v', multiple: true },
    file: { type: 'string', short: 'f' },
    name: { type: 'string', short: 'n', multiple: true },
  },
};

/** Words a command line is made of, the awkward ones included. */
const WORDS = [
  'arn',
  'p',
  '-',
  '--',
  '---x',
  '--=x',
  '-5',
  '-h',
  '-hh',
  '-hv',
  '-vh',
  '-hx',
  '-x',
  '-xh',
  '-f',
  '-fvalue',
  '-hf',
  '-hfvalue',
  '-vfx',
  '-n',
  '-nA',
  '--help',
  '--help=1',
  '--force',
  '--force=',
  '--force=false',
  '--json',
  '--duration',
  '--duration=3600',
  '--duration=',
  '--duration=-1',
  '--source-profile',
  '--source-profile=dev',
  '--external-id',
  '-id',
  '--bogus',
  '--bogus=1',
  '--tag',
  '--tag=a',
  '--clear',
  '--clear=tag',
  '--color',
  '--file',
  '--name=a',
  '--verbose',
  '--verbose=1',
  '--__proto__',
  '--constructor',
  '--toString',
  'x=y',
];

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome =
  | { ok: true; values: Record<string, unknown>; positionals: string[] }
  | { ok: false; code: string; subject: string };

/** What an error is about: the option it quotes, and which kind of mistake. */
function subject(message: string): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const kind = /argument missing/.test(message)
    ? 'missing'
    : /does not take/.test(message)
      ? 'no-value'
      : /ambiguous/.test(message)
        ? 'ambiguous'
        : 'unknown';
  return `${kind} ${quoted.replace(/ <value>$/, '')}`;
}

function outcome(run: () => { values: object; positionals: string[] }): Outcome {
  try {
    const { values, positionals } = run();
    return { ok: true, values: { ...values }, positionals };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { ok: false, code, subject: subject(message.split('\n')[0]!) };
  }
}

describe('parseOptions', () => {
  it('answers as node:util parseArgs (strict, positionals allowed) on 6,000 command lines', () => {
    const next = random(20261207);
    let failures = 0;
    let checked = 0;
    for (const [setName, options] of Object.entries(SPEC_SETS)) {
      for (let n = 0; n < 2000; n++) {
        const length = Math.floor(next() * 6);
        const args = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]!);
        const ours = outcome(() => parseOptions(args, options));
        const node = outcome(() =>
          parseArgs({ args, options: { ...options }, strict: true, allowPositionals: true }),
        );
        checked += 1;
        if (JSON.stringify(ours) !== JSON.stringify(node)) {
          failures += 1;
          expect({ setName, args, ours }).toEqual({ setName, args, ours: node });
        }
        if (!ours.ok) expect(ours.code).toMatch(/^ERR_PARSE_ARGS_/);
      }
    }
    expect(failures).toBe(0);
    expect(checked).toBe(6000);
  });

  it('keeps the last value of an option, every value of a repeatable one', () => {
    const { values } = parseOptions(
      ['--duration', '900', '--duration=3600', '--tag', 'a', '--tag=b'],
      { duration: { type: 'string' }, tag: { type: 'string', multiple: true } },
    );
    expect(values).toEqual({ duration: '3600', tag: ['a', 'b'] });
    expect(Object.getPrototypeOf(values)).toBeNull();
  });

  it('takes everything after -- as positionals, options included', () => {
    expect(parseOptions(['a', '--', '--force', '-h'], { force: { type: 'boolean' } })).toEqual({
      values: {},
      positionals: ['a', '--force', '-h'],
    });
  });

  it('refuses a value that looks like an option, and says how to give one', () => {
    expect(() => parseOptions(['--duration', '-1'], { duration: { type: 'string' } })).toThrow(
      new OptionError(
        'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
        "Option '--duration' argument is ambiguous; to give a value starting with a dash, write '--duration=-1'",
      ),
    );
  });
});

describe('parseCommandArgs', () => {
  it('turns a mistake into one InputError line that says how to get help', () => {
    for (const args of [['--bogus'], ['--duration'], ['--force=1'], ['-x']]) {
      let caught: unknown;
      try {
        parseCommandArgs('assume', args, {
          duration: { type: 'string' },
          force: { type: 'boolean' },
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InputError);
      const message = (caught as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/; run `switchyard assume --help`$/);
    }
  });

  it('gives every command -h and --help', () => {
    expect(parseCommandArgs('status', ['-h'], {}).values.help).toBe(true);
    expect(parseCommandArgs('status', ['--help'], {}).values.help).toBe(true);
  });
});
