import { describe, expect, it } from 'vitest';

import {
  checkSsoRegion,
  checkSsoSessionName,
  checkStartUrl,
  sameStartUrl,
} from '../../../shared/validate-sso';
import { expectInputError } from './expect-input-error';

describe('checkStartUrl', () => {
  it.each([
    ['https://d-1234567890.awsapps.com/start', 'https://d-1234567890.awsapps.com/start'],
    ['https://d-1234567890.awsapps.com/start/', 'https://d-1234567890.awsapps.com/start/'],
    ['https://d-1234567890.awsapps.com/start#/', 'https://d-1234567890.awsapps.com/start'],
    ['https://d-1234567890.awsapps.com/start/#/', 'https://d-1234567890.awsapps.com/start/'],
    ['HTTPS://My-Org.AWSAPPS.com/start', 'https://my-org.awsapps.com/start'],
    [
      'https://start.us-gov-home.awsapps.com/directory/x',
      'https://start.us-gov-home.awsapps.com/directory/x',
    ],
    ['https://sso.example.com:8443/start?x=1', 'https://sso.example.com:8443/start?x=1'],
  ])('accepts %s', (value, expected) => {
    expect(checkStartUrl(value)).toBe(expected);
  });

  it.each([
    [undefined, ['is missing']],
    [42, ['must be text, not a number']],
    ['', ['is empty']],
    [' https://x.awsapps.com/start', ['starts with a space']],
    ['https://x.awsapps.com/start\n', ['line break']],
    ['not a url', ['is not a URL']],
    ['http://x.awsapps.com/start', ['uses http, not https']],
    ['ftp://x.awsapps.com/start', ['uses ftp, not https']],
    ['https://x.awsapps.com/start#/accounts', ['fragment (#…) other than #/']],
    ['https://x.awsapps.com/start#x', ['fragment']],
    [`https://x.awsapps.com/${'a'.repeat(1010)}`, ['is 1032 bytes long', 'at most 1024']],
  ])('rejects %j', (value, fragments) => {
    expectInputError(() => checkStartUrl(value), 'start URL', ...fragments);
  });

  it.each([
    'https://alice:hunter2secret@x.awsapps.com/start',
    'http://alice:hunter2secret@x.awsapps.com/start',
    'https://hunter2secret@x.awsapps.com/start',
  ])('rejects credentials in %s without repeating them', (value) => {
    const message = expectInputError(() => checkStartUrl(value), 'start URL', 'user:pass@');
    expect(message).not.toContain('hunter2secret');
  });

  it('never repeats a URL it cannot parse (it may hold a password)', () => {
    const message = expectInputError(
      () => checkStartUrl('https://alice:hunter2 secret@x/start'),
      'start URL',
    );
    expect(message).not.toContain('hunter2');
  });

  it('is exactly 1 KiB at most, counted in UTF-8 bytes', () => {
    const base = 'https://x.awsapps.com/';
    expect(checkStartUrl(`${base}${'a'.repeat(1024 - base.length)}`)).toHaveLength(1024);
    expectInputError(
      () => checkStartUrl(`${base}${'é'.repeat(502)}`),
      'start URL',
      'is 1026 bytes long',
    );
  });
});

describe('sameStartUrl', () => {
  it('ignores case of the host, #/ and a trailing slash', () => {
    expect(sameStartUrl('https://X.awsapps.com/start/#/', 'https://x.awsapps.com/start')).toBe(
      true,
    );
    expect(sameStartUrl('https://x.awsapps.com/start', 'https://y.awsapps.com/start')).toBe(false);
    expect(sameStartUrl('junk', 'junk')).toBe(true);
  });
});

describe('checkSsoRegion and checkSsoSessionName', () => {
  it('accepts region codes and profile-style names', () => {
    expect(checkSsoRegion('eu-west-1')).toBe('eu-west-1');
    expect(checkSsoSessionName('my-org.sso@prod')).toBe('my-org.sso@prod');
  });

  it('rejects with their own field names', () => {
    expectInputError(
      () => checkSsoRegion('EU-WEST-1'),
      'SSO region',
      'capital letters',
      'use eu-west-1',
    );
    expectInputError(() => checkSsoRegion('', '--region'), '--region', 'is empty');
    expectInputError(() => checkSsoSessionName('a b'), 'session name', 'contains a space');
    expectInputError(() => checkSsoSessionName('x]'), 'session name', '"]"');
    expectInputError(() => checkSsoSessionName('__proto__'), 'session name', '__proto__');
  });
});
