import { InputError } from '../../../../shared/input-error';
import type { EnvironmentChanges } from '../../../core/endpoint/child-environment';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const;
export type Shell = (typeof SHELLS)[number];

/** bash and zsh (and any POSIX sh): in single quotes nothing is special but the quote itself. */
export function posixQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish: in single quotes only `\\` and `\'` are escapes, so both are escaped. */
export function fishQuote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * PowerShell: a single-quoted string is verbatim except for the quote, which
 * is doubled. PowerShell also takes the typographic single quotes (U+2018,
 * U+2019, U+201A, U+201B) as quotes, so those are doubled too.
 */
export function powershellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/**
 * What cmd.exe cannot carry in `set "NAME=value"`: `%` and `!` are expanded
 * (variables, delayed expansion) whatever the quotes, a `"` upsets the quoting
 * of the rest of the line, and a line break ends the command.
 */
const CMD_UNSAFE: readonly [RegExp, string][] = [
  [/%/, 'a % (cmd expands %NAME% even inside quotes)'],
  [/!/, 'a ! (cmd expands !NAME! when delayed expansion is on)'],
  [/"/, 'a double quote (cmd has no way to escape it inside set "…")'],
  [/[\r\n]/, 'a line break (cmd ends the command there)'],
];

function cmdSet(name: string, value: string): string {
  for (const [pattern, what] of CMD_UNSAFE) {
    if (pattern.test(value)) {
      // The value may be a secret: name the variable and the character class only.
      throw new InputError(
        '--shell',
        `${name} holds ${what}, which cmd cannot carry; use --shell powershell`,
      );
    }
  }
  return `set "${name}=${value}"`;
}

function lineFor(shell: Shell, name: string, value: string | undefined): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return value === undefined ? `unset ${name}` : `export ${name}=${posixQuote(value)}`;
    case 'fish':
      return value === undefined ? `set -e ${name}` : `set -gx ${name} ${fishQuote(value)}`;
    case 'powershell':
      return value === undefined
        ? `Remove-Item Env:${name} -ErrorAction SilentlyContinue`
        : `$Env:${name} = ${powershellQuote(value)}`;
    case 'cmd':
      // `set "NAME="` removes the variable.
      return value === undefined ? `set "${name}="` : cmdSet(name, value);
    default: {
      const never: never = shell;
      return never;
    }
  }
}

/**
 * The lines that make these changes in `shell`, one command a line, removals
 * first. Every value is quoted for that shell so a secret with `/`, `+`, `=`
 * (or a label with quotes) arrives byte for byte.
 */
export function shellLines(shell: Shell, changes: EnvironmentChanges): string {
  const lines = [
    ...changes.unset.map((name) => lineFor(shell, name, undefined)),
    ...changes.set.map(([name, value]) => lineFor(shell, name, value)),
  ];
  return `${lines.join('\n')}\n`;
}

/** Maps a program name (`/bin/zsh`, `-bash`, `pwsh.exe`) to the shell whose syntax it reads. */
export function shellOfProgram(program: string): Shell | undefined {
  const base = (program.split(/[\\/]/).pop() ?? '')
    .replace(/^-/, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();
  if (base === 'bash' || base === 'sh' || base === 'dash' || base === 'ksh') return 'bash';
  if (base === 'zsh' || base === 'fish' || base === 'cmd') return base;
  if (base === 'pwsh' || base === 'powershell') return 'powershell';
  return undefined;
}

/** `--shell`, checked. */
export function checkShell(text: string): Shell {
  const shell = SHELLS.find((name) => name === text.toLowerCase());
  if (!shell) {
    throw new InputError(
      '--shell',
      `--shell: unknown shell ${JSON.stringify(text)}; use one of ${SHELLS.join(', ')}`,
    );
  }
  return shell;
}
