import { describe, expect, it } from 'vitest';

import { CONSOLE_COLORS, isConsolePaletteColor } from '../../../shared/console-colors';
import {
  checkColor,
  checkDisplayName,
  checkDuration,
  checkProfileName,
  checkRegion,
  checkSessionName,
  problemWith,
} from '../../../shared/validate';
import { expectInputError } from './expect-input-error';

type Check = (value: unknown, field?: string) => unknown;

function table(
  name: string,
  check: Check,
  field: string,
  valid: ReadonlyArray<readonly [unknown, unknown]>,
  invalid: ReadonlyArray<readonly [unknown, readonly string[]]>,
): void {
  describe(name, () => {
    it.each(valid)('accepts %j', (value, expected) => {
      expect(check(value)).toEqual(expected);
    });
    it.each(invalid)('rejects %j', (value, fragments) => {
      expectInputError(() => check(value), field, ...fragments);
    });
  });
}

const same = (value: string) => [value, value] as const;

table(
  'checkRegion',
  checkRegion,
  'region',
  [
    same('us-east-1'),
    same('us-west-2'),
    same('eu-central-2'),
    same('ap-southeast-7'),
    same('cn-north-1'),
    same('cn-northwest-1'),
    same('us-gov-west-1'),
    same('us-gov-east-1'),
    same('me-central-1'),
    same('il-central-1'),
    same('ca-west-1'),
    same('mx-central-1'),
    same('ap-east-12'),
  ],
  [
    ['US-EAST-1', ['"US-EAST-1" has capital letters', 'use us-east-1']],
    ['Eu-West-1', ['use eu-west-1']],
    ['us-east', ['"us-east" is not a region code', 'such as us-east-1']],
    ['useast1', ['is not a region code']],
    ['us-east-123', ['is not a region code']],
    ['us_east_1', ['is not a region code']],
    ['aws-global', ['is not a region code']],
    ['us-east-1a', ['is not a region code']],
    ['u-east-1', ['is not a region code']],
    ['us-east-1 ', ['contains a space at position 10']],
    [' us-east-1', ['contains a space at position 1']],
    ['us east 1', ['contains a space']],
    ['us-east-1\n', ['line break']],
    ['', ['is empty']],
    [1, ['must be text']],
  ],
);

table(
  'checkProfileName',
  checkProfileName,
  'profile name',
  [
    same('default'),
    same('prod'),
    same('prod-admin'),
    same('team.prod_admin'),
    same('alice@example.com'),
    same('a+b%c:d/e'),
    same('x'.repeat(128)),
  ],
  [
    ['', ['is empty']],
    ['x'.repeat(129), ['is 129 characters long', 'at most 128']],
    ['prod]', ['contains "]" at position 5', '[section] header']],
    ['[prod', ['contains "["']],
    ['a=b', ['contains "="', 'key = value']],
    ['#prod', ['contains "#" at position 1', 'comment']],
    [';prod', ['contains ";"', 'comment']],
    ['prod#1', ['contains "#"']],
    ['my profile', ['contains a space at position 3', 'botocore']],
    ['say"hi', ['double quote', 'botocore']],
    ["it's", [`contains "'"`, 'botocore']],
    ['a\\b', ['contains "\\"']],
    ['prod!', ['contains "!"', 'SDK for JavaScript']],
    ['prod,dev', ['contains ","']],
    ['pröd', ['contains "ö"']],
    ['prod\n', ['line break (\\n)']],
    ['pr\rod', ['carriage return (\\r)']],
    ['pr\0od', ['NUL character']],
    ['pr\u0007od', ['control character (U+0007)']],
    ['pr\u200bod', ['invisible character (U+200B)']],
    [' prod', ['starts with a space']],
    ['prod ', ['ends with a space']],
    ['prod\u00a0', ['ends with a whitespace character (U+00A0)']],
    ['__proto__', ['"__proto__"', 'whole file']],
    [null, ['is missing']],
  ],
);

table(
  'checkColor',
  checkColor,
  'color',
  [
    ['f2b0a9', 'f2b0a9'],
    ['#F2B0A9', 'f2b0a9'],
    ['#83d4e8', '83d4e8'],
    ['ABCDEF', 'abcdef'],
    ['000000', '000000'],
    ['red', 'f2b0a9'],
    ['orange', 'fbc8aa'],
    ['yellow', 'efda95'],
    ['green', 'b7ca9d'],
    ['blue', '83d4e8'],
    ['Blue', '83d4e8'],
  ],
  [
    ['#fff', ['"#fff" is the short form', 'six hex digits']],
    ['abc', ['short form']],
    ['purple', ['"purple" is not a color', 'red, orange, yellow, green or blue']],
    ['##f2b0a9', ['is not a color']],
    ['f2b0a', ['is not a color']],
    ['f2b0a9f', ['is not a color']],
    ['gggggg', ['is not a color']],
    [' f2b0a9', ['is not a color']],
    ['toString', ['is not a color']],
    ['', ['is empty']],
    [0xf2b0a9, ['must be text']],
  ],
);

describe('console palette', () => {
  it('holds the 2024 values', () => {
    expect(CONSOLE_COLORS).toEqual({
      red: 'f2b0a9',
      orange: 'fbc8aa',
      yellow: 'efda95',
      green: 'b7ca9d',
      blue: '83d4e8',
    });
  });
  it.each([
    ['f2b0a9', true],
    ['83d4e8', true],
    ['abcdef', false],
  ])('isConsolePaletteColor(%s) = %s', (hex, expected) => {
    expect(isConsolePaletteColor(hex)).toBe(expected);
  });
});

table(
  'checkDisplayName',
  checkDisplayName,
  'display name',
  [
    same('Prod'),
    same('Prod admin @ 123456789012'),
    same('Équipe données'),
    same('本番環境'),
    same('🚀 launch'),
    same('👩‍💻 dev'),
    same('می‌خواهم'),
    same('x'.repeat(64)),
    same('🚀'.repeat(64)),
    ['  padded  ', 'padded'],
    same('a'),
  ],
  [
    ['', ['is empty', '1–64']],
    ['   ', ['is empty']],
    ['x'.repeat(65), ['is 65 characters long', 'shorten it to 64']],
    ['🚀'.repeat(65), ['is 65 characters long']],
    ['two\nlines', ['line break']],
    ['nul\0', ['NUL']],
    ['bell\u0007', ['control character (U+0007)']],
    ['del\u007f', ['control character (U+007F)']],
    ['rtl\u202eevil', ['invisible character (U+202E)']],
    ['sep\u2028x', ['U+2028']],
    [['Prod'], ['must be text, not a list']],
  ],
);

describe('problemWith', () => {
  it('is undefined for good values', () => {
    expect(problemWith(checkSessionName, 'alice')).toBeUndefined();
    expect(problemWith(checkDuration, '3600')).toBeUndefined();
  });

  it('returns the message for bad values', () => {
    expect(problemWith(checkSessionName, 'a b')).toBe(
      'role session name: "a b" contains a space at position 2; use only letters, digits and _ + = , . @ -',
    );
    expect(problemWith(checkRegion, 'US-EAST-1')).toBe(
      'region: "US-EAST-1" has capital letters; use us-east-1',
    );
  });

  it('passes the field along', () => {
    expect(problemWith(checkDuration, '1h', '--duration')).toMatch(/^--duration: /);
  });

  it('rethrows errors that are not InputErrors (bugs, not bad input)', () => {
    const broken = () => {
      throw new TypeError('boom');
    };
    expect(() => problemWith(broken, 'x')).toThrow(TypeError);
  });
});
