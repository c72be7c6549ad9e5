import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { guessShell } from '../../../electron/cli/commands/exec/guess-shell';
import {
  checkShell,
  fishQuote,
  posixQuote,
  powershellQuote,
  shellLines,
  shellOfProgram,
} from '../../../electron/cli/commands/exec/shell-lines';
import { InputError } from '../../../shared/input-error';

/** Quotes, backslashes, a dollar, a backtick and a newline: what breaks naive quoting. */
const NASTY = `it's a \\'back\\slash\\\\ $HOME \`id\` "q"\nline2 /+=`;

describe('quoting', () => {
  it("bash and zsh: single quotes, a quote written as '\\''", () => {
    expect(posixQuote("a'b")).toBe(`'a'\\''b'`);
    expect(posixQuote('a/b+c=')).toBe(`'a/b+c='`);
    // Read back by a real bash, byte for byte.
    const bash = spawnSync('bash', ['-c', `printf %s ${posixQuote(NASTY)}`], { encoding: 'utf8' });
    expect(bash.stdout).toBe(NASTY);
  });

  it('fish: backslash and quote escaped inside single quotes', () => {
    expect(fishQuote("a'b\\c")).toBe(`'a\\'b\\\\c'`);
    expect(fishQuote('a/b+c=')).toBe(`'a/b+c='`);
  });

  it('PowerShell: the quote doubled, typographic single quotes too', () => {
    expect(powershellQuote("it's")).toBe(`'it''s'`);
    expect(powershellQuote('a\u2019b')).toBe(`'a\u2019\u2019b'`);
    expect(powershellQuote('a\\b $x `y` /+=')).toBe(`'a\\b $x \`y\` /+='`);
  });
});

describe('shellLines', () => {
  const changes = {
    unset: ['AWS_PROFILE'],
    set: [['AWS_SECRET_ACCESS_KEY', 'se/cr+et='] as const],
  };

  it('writes one command a line for each shell', () => {
    expect(shellLines('bash', changes)).toBe(
      "unset AWS_PROFILE\nexport AWS_SECRET_ACCESS_KEY='se/cr+et='\n",
    );
    expect(shellLines('zsh', changes)).toBe(shellLines('bash', changes));
    expect(shellLines('fish', changes)).toBe(
      "set -e AWS_PROFILE\nset -gx AWS_SECRET_ACCESS_KEY 'se/cr+et='\n",
    );
    expect(shellLines('powershell', changes)).toBe(
      "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$Env:AWS_SECRET_ACCESS_KEY = 'se/cr+et='\n",
    );
    expect(shellLines('cmd', changes)).toBe(
      'set "AWS_PROFILE="\nset "AWS_SECRET_ACCESS_KEY=se/cr+et="\n',
    );
  });

  it('cmd: a set with & | < > ^ stays literal inside the quotes', () => {
    expect(shellLines('cmd', { unset: [], set: [['SWITCHYARD_ROLE', 'a&b|c<d>e^f']] })).toBe(
      'set "SWITCHYARD_ROLE=a&b|c<d>e^f"\n',
    );
  });

  it.each([
    ['100%', /a % /],
    ['wow!', /a ! /],
    ['say "hi"', /a double quote/],
    ['two\nlines', /a line break/],
  ])('cmd refuses %j in one line that names the variable, not the value', (value, what) => {
    let error: unknown;
    try {
      shellLines('cmd', { unset: [], set: [['SWITCHYARD_ROLE', value]] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(what);
    expect(message).toMatch(/^SWITCHYARD_ROLE holds .*; use --shell powershell$/);
    expect(message).not.toContain(value);
  });
});

describe('which shell', () => {
  it('maps program names to shells', () => {
    expect(shellOfProgram('/usr/bin/zsh')).toBe('zsh');
    expect(shellOfProgram('-bash')).toBe('bash');
    expect(shellOfProgram('/bin/dash')).toBe('bash');
    expect(shellOfProgram('/usr/local/bin/fish')).toBe('fish');
    expect(shellOfProgram('C:\\Program Files\\PowerShell\\7\\pwsh.exe')).toBe('powershell');
    expect(shellOfProgram('CMD.EXE')).toBe('cmd');
    expect(shellOfProgram('/bin/tcsh')).toBeUndefined();
    expect(shellOfProgram('node')).toBeUndefined();
  });

  it('--shell takes the five names, any case, and refuses others in one line', () => {
    expect(checkShell('PowerShell')).toBe('powershell');
    expect(() => checkShell('tcsh')).toThrow(
      /^--shell: unknown shell "tcsh"; use one of bash, zsh, fish, powershell, cmd$/,
    );
  });

  it('guesses from $SHELL, else the parent, else bash (PowerShell on Windows)', () => {
    const parent = (name: string | undefined) => () => name;
    expect(
      guessShell({ platform: 'linux', env: { SHELL: '/bin/zsh' }, parentName: parent('fish') }),
    ).toBe('zsh');
    expect(
      guessShell({ platform: 'linux', env: { SHELL: '/bin/tcsh' }, parentName: parent('fish') }),
    ).toBe('fish');
    expect(guessShell({ platform: 'linux', env: {}, parentName: parent('node') })).toBe('bash');
    expect(guessShell({ platform: 'win32', env: {}, parentName: parent(undefined) })).toBe(
      'powershell',
    );
    expect(guessShell({ platform: 'darwin', env: {}, parentName: parent(undefined) })).toBe('bash');
  });
});
