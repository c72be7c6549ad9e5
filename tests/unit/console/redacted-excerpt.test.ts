import { describe, expect, it } from 'vitest';

import { redactedExcerpt } from '../../../electron/core/console/redacted-excerpt';

const SECRET = 'abc/DEF+ghi=jkl';

describe('redactedExcerpt', () => {
  it.each([
    ['plain', SECRET, '[redacted]'],
    ['URI-encoded', encodeURIComponent(SECRET), '[redacted]'],
    ['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2), '[redacted]'],
    ['JSON-escaped', JSON.stringify(`${SECRET}"`).slice(1, -1), '[redacted]\\"'],
  ])('removes a %s secret', (_name, body, expected) => {
    expect(redactedExcerpt(body, [SECRET])).toBe(expected);
  });

  it.each([
    ['an access key id', 'key AKIAIOSFODNN7EXAMPLE denied', 'key [redacted] denied'],
    ['a session key id', 'ASIAXXXXXXXXXXXXXXXX', '[redacted]'],
    ['a long token', `token ${'Ab0+/'.repeat(10)} end`, 'token [redacted] end'],
  ])('removes %s even when it was not ours', (_name, body, expected) => {
    expect(redactedExcerpt(body, [])).toBe(expected);
  });

  it.each([
    ['Bad Request', 'Bad Request'],
    ['  spaced\n\tout\r\n ', 'spaced out'],
    ['<html><title> Sign-In </title><body>x</body></html>', 'Sign-In'],
    ['<p>Hello <b>there</b></p>', 'Hello there'],
    ['bidi\u202eflip and nul\0', 'bidi flip and nul'],
    ['', ''],
  ])('tidies %j', (body, expected) => {
    expect(redactedExcerpt(body, [])).toBe(expected);
  });

  it('cuts at 120 characters', () => {
    const excerpt = redactedExcerpt('word '.repeat(100), []);
    expect([...excerpt]).toHaveLength(120);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('leaves very short "secrets" alone rather than shredding the text', () => {
    expect(redactedExcerpt('a b c', ['a'])).toBe('a b c');
  });
});
