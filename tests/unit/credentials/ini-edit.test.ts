import { describe, expect, it } from 'vitest';
import { applyProfileEdits, type ProfileEdit } from '../../../electron/core/credentials/ini-edit';
import { InputError } from '../../../shared/input-error';
import { readFixture } from './helpers/temp-dirs';

const put = (profile: string, values: [string, string][], removeKeys?: string[]): ProfileEdit => ({
  kind: 'put',
  profile,
  values,
  removeKeys,
});
const remove = (profile: string): ProfileEdit => ({ kind: 'remove', profile });
const creds: [string, string][] = [
  ['aws_access_key_id', 'NEWID'],
  ['aws_secret_access_key', 'NEWSECRET'],
  ['aws_session_token', 'NEWTOKEN'],
];

describe('applyProfileEdits: put into an existing section', () => {
  it('replaces values in place and inserts missing keys after the last key', () => {
    const input = [
      '# top',
      '[a]',
      'aws_access_key_id=OLD',
      'aws_secret_access_key   =   oldsecret   ',
      'region = eu-west-1',
      '# about b',
      '',
      '[b]',
      'k = v',
      '',
    ].join('\n');
    expect(applyProfileEdits(input, [put('a', creds)])).toBe(
      [
        '# top',
        '[a]',
        'aws_access_key_id=NEWID',
        'aws_secret_access_key   =   NEWSECRET   ',
        'region = eu-west-1',
        'aws_session_token = NEWTOKEN',
        '# about b',
        '',
        '[b]',
        'k = v',
        '',
      ].join('\n'),
    );
  });

  it('matches keys case-insensitively and drops removeKeys', async () => {
    const input = (await readFixture('upper-case-keys.ini')).toString();
    expect(applyProfileEdits(input, [put('legacy', creds, ['aws_security_token'])])).toBe(
      '[legacy]\nAWS_Access_Key_ID = NEWID\nAWS_SECRET_ACCESS_KEY = NEWSECRET\naws_session_token = NEWTOKEN\n',
    );
  });

  it('keeps CRLF lines CRLF', async () => {
    const input = (await readFixture('crlf.ini')).toString();
    const output = applyProfileEdits(input, [put('dev', [...creds, ['region', 'us-east-2']])]);
    expect(output).toBe(
      input
        .replace('ASIAEXAMPLEDEV', 'NEWID')
        .replace('devsecret', 'NEWSECRET')
        .replace('devtoken\r\n', 'NEWTOKEN\r\nregion = us-east-2\r\n'),
    );
  });

  it('inserts at the end of a file without a final newline and keeps it without one', () => {
    expect(applyProfileEdits('[a]\nk = 1', [put('a', [['x', '2']])])).toBe('[a]\nk = 1\nx = 2');
    expect(applyProfileEdits('[a]', [put('a', [['x', '2']])])).toBe('[a]\nx = 2');
    expect(applyProfileEdits('[a]\r\nk = 1', [put('a', [['k', '3']])])).toBe('[a]\r\nk = 3');
  });

  it('inserts right after the header of a section without keys', () => {
    expect(applyProfileEdits('[a]\n# empty\n\n[b]\n', [put('a', [['k', 'v']])])).toBe(
      '[a]\nk = v\n# empty\n\n[b]\n',
    );
  });

  it('replaces a multi-line value whole and keeps the header comment', () => {
    expect(
      applyProfileEdits('[a] # mine\ntoken =\n  sub = 1\n  # note\nk = 2\n', [
        put('a', [['token', 'T']]),
      ]),
    ).toBe('[a] # mine\ntoken = T\n  # note\nk = 2\n');
  });

  it('rewrites a botocore `key: value` line with = so the JS SDK reads it too', () => {
    expect(
      applyProfileEdits('[a]\naws_session_token: OLD\n', [put('a', [['aws_session_token', 'N']])]),
    ).toBe('[a]\naws_session_token = N\n');
  });

  it('collapses a repeated key to one line', () => {
    expect(applyProfileEdits('[a]\nk = 1\nk = 2\nj = 0\n', [put('a', [['k', '3']])])).toBe(
      '[a]\nk = 3\nj = 0\n',
    );
  });

  it('fills an empty value with spacing that matches the key side', () => {
    expect(applyProfileEdits('[a]\nk =\n', [put('a', [['k', 'v']])])).toBe('[a]\nk = v\n');
    expect(applyProfileEdits('[a]\nk=\n', [put('a', [['k', 'v']])])).toBe('[a]\nk=v\n');
  });

  it('does not leave a double blank line where a removed key was', () => {
    const input = '[a]\nk = 1\n\naws_security_token = x\n\n[b]\n';
    expect(applyProfileEdits(input, [put('a', [['k', '2']], ['aws_security_token'])])).toBe(
      '[a]\nk = 2\n\n[b]\n',
    );
  });

  it('edits the section named with spaces inside its brackets', () => {
    expect(applyProfileEdits('[ spaced ]\nk = 1\n', [put('spaced', [['k', '2']])])).toBe(
      '[ spaced ]\nk = 2\n',
    );
  });
});

describe('applyProfileEdits: put a new section', () => {
  const section = '[p]\nk = v\n';
  it.each([
    ['an empty file', '', section],
    ['a BOM-only file', '\uFEFF', `\uFEFF${section}`],
    ['a file of comments', '# c\n', `# c\n\n${section}`],
    ['a file without a final newline', '[a]\nk = 1', `[a]\nk = 1\n\n${section}`],
    ['a file ending with blank lines', 'x = 1\n\n\n', `x = 1\n\n\n${section}`],
    ['a file ending with a whitespace line', '[a]\n  ', `[a]\n  \n${section}`],
  ])('appends to %s with exactly one blank line between', (_name, input, expected) => {
    expect(applyProfileEdits(input, [put('p', [['k', 'v']])])).toBe(expected);
  });

  it('uses CRLF when most lines use it', async () => {
    const input = (await readFixture('crlf.ini')).toString();
    expect(applyProfileEdits(input, [put('fresh', [['k', 'v']])])).toBe(
      `${input}\r\n[fresh]\r\nk = v\r\n`,
    );
  });

  it('appends several new sections in order', () => {
    expect(applyProfileEdits('[a]\n', [put('b', [['k', '1']]), put('c', [['k', '2']])])).toBe(
      '[a]\n\n[b]\nk = 1\n\n[c]\nk = 2\n',
    );
  });
});

describe('applyProfileEdits: remove', () => {
  const three = '[a]\nk=1\n\n[b]\nk=2\n\n[c]\nk=3\n';
  it('removes a middle section and one separating blank line', () => {
    expect(applyProfileEdits(three, [remove('b')])).toBe('[a]\nk=1\n\n[c]\nk=3\n');
  });

  it('removes the last section and the blank line before it', () => {
    expect(applyProfileEdits(three, [remove('c')])).toBe('[a]\nk=1\n\n[b]\nk=2\n');
    expect(applyProfileEdits('[a]\nk=1\n\n[b]\nk=2', [remove('b')])).toBe('[a]\nk=1\n');
  });

  it('removes the first section without leaving a leading blank line', () => {
    expect(applyProfileEdits(three, [remove('a')])).toBe('[b]\nk=2\n\n[c]\nk=3\n');
  });

  it('removes everything but the comments', () => {
    expect(
      applyProfileEdits('[a]\nk=1\n\n[b]\n# note about b\nk=2\n\n[c]\nk=3\n', [remove('b')]),
    ).toBe('[a]\nk=1\n\n# note about b\n\n[c]\nk=3\n');
  });

  it('removes sections that are not separated by blank lines', () => {
    expect(applyProfileEdits('[a]\nk=1\n[b]\nk=2\n[c]\nk=3', [remove('b')])).toBe(
      '[a]\nk=1\n[c]\nk=3',
    );
  });

  it('removes continuation lines with their key', () => {
    expect(applyProfileEdits('[a]\ns3 =\n  max = 1\nk = 2\n\n[b]\n', [remove('a')])).toBe('[b]\n');
  });

  it('keeps CRLF around a removed section', () => {
    expect(applyProfileEdits('[a]\r\nk=1\r\n\r\n[b]\r\nk=2\r\n\r\n[c]\r\n', [remove('b')])).toBe(
      '[a]\r\nk=1\r\n\r\n[c]\r\n',
    );
  });

  it('returns the very same string when the section is missing', () => {
    expect(applyProfileEdits(three, [remove('zzz')])).toBe(three);
  });

  it('removes neighbouring sections in one call', () => {
    expect(applyProfileEdits(three, [remove('b'), remove('c')])).toBe('[a]\nk=1\n');
    expect(applyProfileEdits(three, [remove('a'), remove('b')])).toBe('[c]\nk=3\n');
    expect(applyProfileEdits(three, [remove('a'), remove('b'), remove('c')])).toBe('');
  });
});

describe('applyProfileEdits: remove only the given keys', () => {
  const ours = ['aws_access_key_id', 'aws_session_token', 'x_switchyard_*'];
  const removeOurs = (profile: string): ProfileEdit => ({ kind: 'remove', profile, keys: ours });

  it("keeps the user's keys, nested block and comments byte for byte, in order", () => {
    const input = [
      '[a]',
      'k=1',
      '',
      '[dev] # mine',
      '# my dev account',
      'region = eu-west-1',
      'AWS_Access_Key_ID = ASIAX',
      's3 =',
      '    max_concurrent_requests = 20',
      'aws_session_token: tok',
      '  continued-token',
      'x_switchyard_managed = true',
      'X_Switchyard_Expires=2026-01-01T00:00:00Z',
      'output\t= json  ',
      '; trailing note',
      '',
      '[c]',
      'k=3',
    ].join('\r\n');
    expect(applyProfileEdits(input, [removeOurs('dev')])).toBe(
      [
        '[a]',
        'k=1',
        '',
        '[dev] # mine',
        '# my dev account',
        'region = eu-west-1',
        's3 =',
        '    max_concurrent_requests = 20',
        'output\t= json  ',
        '; trailing note',
        '',
        '[c]',
        'k=3',
      ].join('\r\n'),
    );
  });

  it('drops the header when only blank lines would be left', () => {
    const input = '[a]\nk=1\n\n[b]\naws_access_key_id=x\nx_switchyard_managed=true\n\n[c]\nk=3\n';
    expect(applyProfileEdits(input, [removeOurs('b')])).toBe('[a]\nk=1\n\n[c]\nk=3\n');
    expect(applyProfileEdits('[a]\nk=1\n\n[b]\nx_switchyard_x=1\n', [removeOurs('b')])).toBe(
      '[a]\nk=1\n',
    );
  });

  it('keeps the header for a comment alone, and for a stray line', () => {
    expect(applyProfileEdits('[b]\n# note\naws_access_key_id=x\n', [removeOurs('b')])).toBe(
      '[b]\n# note\n',
    );
    expect(applyProfileEdits('[b]\naws_access_key_id=x\nstray\n', [removeOurs('b')])).toBe(
      '[b]\nstray\n',
    );
  });

  it('keeps a key that merely starts like one of ours', () => {
    expect(
      applyProfileEdits('[b]\naws_access_key_id_note=x\naws_access_key_id=y\n', [removeOurs('b')]),
    ).toBe('[b]\naws_access_key_id_note=x\n');
  });

  it('refuses a key pattern that is not a key', () => {
    expect(() =>
      applyProfileEdits('[b]\n', [{ kind: 'remove', profile: 'b', keys: ['a=b*'] }]),
    ).toThrow();
  });
});

describe('applyProfileEdits: batches and refusals', () => {
  it('applies puts and removes for several profiles in one pass', () => {
    const input = '[a]\nk=1\n\n[b]\nk=2\n';
    expect(
      applyProfileEdits(input, [put('a', [['k', '9']]), remove('b'), put('c', [['k', '3']])]),
    ).toBe('[a]\nk=9\n\n[c]\nk = 3\n');
  });

  it('applies edits of the same profile one after the other', () => {
    expect(
      applyProfileEdits('', [
        put('p', [['k', '1']]),
        put('p', [
          ['k', '2'],
          ['j', '3'],
        ]),
      ]),
    ).toBe('[p]\nk = 2\nj = 3\n');
    expect(applyProfileEdits('[a]\n', [put('p', [['k', '1']]), remove('p')])).toBe('[a]\n');
  });

  it('refuses to edit a profile that has two sections', async () => {
    const input = (await readFixture('duplicate-sections.ini')).toString();
    expect(() => applyProfileEdits(input, [put('shared', [['k', 'v']])])).toThrow(
      /profile "shared" has 2 sections \(lines 1, 8\)/,
    );
    // Duplicates elsewhere do not matter.
    expect(applyProfileEdits(input, [put('default', [['k', 'v']])])).toBe(
      input.replace('region = us-east-1\n', 'region = us-east-1\nk = v\n'),
    );
  });

  it.each([
    ['a line break in a profile name', put('a\nb', [['k', 'v']]), 'profile'],
    ['a bracket in a profile name', put('a]b', [['k', 'v']]), 'profile'],
    ['an empty profile name', remove(''), 'profile'],
    ['a comment marker in a profile name', put('a #b', [['k', 'v']]), 'profile'],
    ['a bad key', put('a', [['k=1', 'v']]), 'key'],
    [
      'whitespace in a value',
      put('a', [['aws_secret_access_key', 'se cret']]),
      'aws_secret_access_key',
    ],
    ['a line break in a value', put('a', [['k', 'x\n[evil]']]), 'k'],
    ['an empty value', put('a', [['k', '']]), 'k'],
  ])('refuses %s with an InputError that does not echo the value', (_name, edit, field) => {
    let caught: unknown;
    try {
      applyProfileEdits('[a]\nk = 1\n', [edit]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe(field);
    expect((caught as Error).message).not.toContain('se cret');
    expect((caught as Error).message).not.toContain('[evil]');
  });
});
