import { describe, expect, it } from 'vitest';

import {
  checkDuration,
  checkExternalId,
  checkMfaCode,
  checkMfaSerial,
  checkSessionName,
  checkSourceIdentity,
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
} from '../../../shared/validate-sts';
import { expectInputError } from './expect-input-error';

type Check = (value: unknown, field?: string) => unknown;

/** Runs the valid and invalid tables for one check. */
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
    it('names a custom field', () => {
      expectInputError(() => check(undefined, '--custom'), '--custom', 'is missing');
    });
  });
}

const same = (value: string) => [value, value] as const;

table(
  'checkSessionName',
  checkSessionName,
  'role session name',
  [
    same('ab'),
    same('alice'),
    same('alice@example.com'),
    same('a+b=c,d.e@f_g-h'),
    same('x'.repeat(64)),
  ],
  [
    ['a', ['is 1 character long', 'use 2–64 characters']],
    ['x'.repeat(65), ['is 65 characters long', '2–64']],
    ['', ['is empty']],
    [
      'my session',
      ['"my session" contains a space at position 3', 'letters, digits and _ + = , . @ -'],
    ],
    ['alice/admin', ['contains "/"']],
    ['alice:1', ['contains ":"']],
    ['ålice', ['contains "å" at position 1']],
    [' alice', ['starts with a space']],
    ['alice ', ['ends with a space']],
    ['ali\nce', ['line break']],
    ['ali\0ce', ['NUL']],
    [42, ['must be text, not a number']],
    [null, ['is missing']],
    [['a'], ['must be text, not a list']],
    [{}, ['must be text, not an object']],
  ],
);

table(
  'checkExternalId',
  checkExternalId,
  'external ID',
  [same('ab'), same('Unique-ID_1234'), same('urn:acme:tenant/42'), same('x'.repeat(1224))],
  [
    ['a', ['is 1 character long', '2–1224']],
    ['x'.repeat(1225), ['is 1225 characters long']],
    ['has space', ['contains a space']],
    ['semi;colon', ['contains ";"', '_ + = , . @ : / -']],
    ['quote"d', ['contains a double quote']],
    ['tab\tbed', ['tab']],
  ],
);

table(
  'checkMfaSerial',
  checkMfaSerial,
  'MFA serial',
  [
    same('arn:aws:iam::123456789012:mfa/alice'),
    same('GAHT12345678'),
    same('123456789'),
    same(`arn:aws:iam::123456789012:mfa/${'d'.repeat(200)}`),
  ],
  [
    ['12345678', ['is 8 characters long', '9–256']],
    [`arn:aws:iam::123456789012:mfa/${'d'.repeat(240)}`, ['is 270 characters long']],
    ['arn:aws:iam::123456789012:mfa/my phone', ['contains a space']],
    ['serial#12345', ['contains "#"']],
  ],
);

table(
  'checkMfaCode',
  checkMfaCode,
  'MFA code',
  [same('123456'), same('000000'), same('012345')],
  [
    ['12345', ['is not exactly 6 digits']],
    ['1234567', ['is not exactly 6 digits']],
    ['12345a', ['is not exactly 6 digits']],
    ['123 456', ['is not exactly 6 digits', 'without spaces']],
    [' 123456', ['has spaces around it']],
    ['123456\n', ['has spaces around it']],
    ['１２３４５６', ['is not exactly 6 digits']],
    [123456, ['must be text, not a number', 'leading zeros']],
    ['', ['is not exactly 6 digits']],
  ],
);

describe('checkMfaCode never repeats the code', () => {
  it.each(['98765', '9876543', '98765x'])('%s', (code) => {
    const message = expectInputError(() => checkMfaCode(code), 'MFA code');
    expect(message).not.toContain('9876');
  });
});

table(
  'checkSourceIdentity',
  checkSourceIdentity,
  'source identity',
  [same('alice'), same('alice@example.com'), same('ab'), same('awsome'), same('x'.repeat(64))],
  [
    ['aws:alice', ['starts with "aws:"', 'reserves']],
    ['AWS:alice', ['starts with "aws:"']],
    ['a', ['is 1 character long']],
    ['x'.repeat(65), ['is 65 characters long']],
    ['alice smith', ['contains a space']],
    ['alice:smith', ['contains ":"']],
  ],
);

table(
  'checkDuration',
  checkDuration,
  'duration',
  [
    [900, 900],
    [3600, 3600],
    [43200, 43200],
    ['900', 900],
    ['3600', 3600],
    ['43200', 43200],
    ['03600', 3600],
    [3600.0, 3600],
  ],
  [
    [899, ['899 seconds is less than 15 minutes', 'use 900–43200 seconds']],
    [43201, ['43201 seconds is more than 12 hours', '900–43200']],
    ['899', ['less than 15 minutes']],
    ['43201', ['more than 12 hours']],
    [0, ['less than 15 minutes']],
    [-3600, ['-3600 seconds is less than 15 minutes']],
    ['-3600', ['less than 15 minutes']],
    [3600.5, ['3600.5 is not a whole number of seconds']],
    ['3600.5', ['"3600.5" is not a whole number of seconds']],
    ['1h', ['"1h" is not a whole number of seconds', 'e.g. 3600 for 1 hour']],
    ['60m', ['not a whole number']],
    ['1e4', ['not a whole number']],
    ['0x384', ['not a whole number']],
    [' 3600', ['not a whole number']],
    ['3600 ', ['not a whole number']],
    ['', ['is empty', '900–43200']],
    ['  ', ['is empty']],
    [Number.NaN, ['NaN is not a whole number']],
    [Number.POSITIVE_INFINITY, ['not a whole number']],
    [1e21, ['more than 12 hours']],
    ['99999999999999999999999', ['more than 12 hours']],
    [true, ['must be text, not a boolean']],
    [null, ['is missing', '900–43200']],
  ],
);

describe('duration limits', () => {
  it('match the STS model', () => {
    expect([MIN_DURATION_SECONDS, MAX_DURATION_SECONDS]).toEqual([900, 43200]);
  });
});
