import { describe, expect, it } from 'vitest';

import { describeChar, findChar, isHiddenChar, quoteValue } from '../../../shared/quote-value';

describe('quoteValue', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['a\nb', '"a\\nb"'],
    ['a\r\nb', '"a\\r\\nb"'],
    ['tab\there', '"tab\\there"'],
    ['nul\0', '"nul\\0"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['bell\u0007', '"bell\\u0007"'],
    ['zero\u200bwidth', '"zero\\u200bwidth"'],
    ['rtl\u202eoverride', '"rtl\\u202eoverride"'],
    ['emoji 🚀', '"emoji 🚀"'],
  ])('quotes %j as %s', (value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });

  it('cuts long values at 60 characters with an ellipsis', () => {
    const quoted = quoteValue('x'.repeat(500));
    expect(quoted).toBe(`"${'x'.repeat(60)}…"`);
  });

  it('keeps a value of exactly 60 characters whole', () => {
    expect(quoteValue('y'.repeat(60))).toBe(`"${'y'.repeat(60)}"`);
  });

  it('never splits an escape or an emoji when cutting', () => {
    expect(quoteValue(`${'a'.repeat(59)}\n${'b'.repeat(10)}`)).toBe(`"${'a'.repeat(59)}…"`);
    const emoji = quoteValue('🚀'.repeat(40));
    expect(emoji.endsWith('…"')).toBe(true);
    expect([...emoji.slice(1, -2)].every((c) => c === '🚀')).toBe(true);
  });

  it('honours a custom limit', () => {
    expect(quoteValue('abcdef', 3)).toBe('"abc…"');
  });
});

describe('describeChar', () => {
  it.each([
    [' ', 'a space'],
    ['\t', 'a tab (\\t)'],
    ['\n', 'a line break (\\n)'],
    ['\r', 'a carriage return (\\r)'],
    ['\0', 'a NUL character (\\0)'],
    ['"', 'a double quote (")'],
    ['\u0007', 'a control character (U+0007)'],
    ['\u007f', 'a control character (U+007F)'],
    ['\u0085', 'a control character (U+0085)'],
    ['\u200b', 'an invisible character (U+200B)'],
    ['\ufeff', 'an invisible character (U+FEFF)'],
    ['\u00a0', 'a whitespace character (U+00A0)'],
    ['!', '"!"'],
    ['é', '"é"'],
  ])('describes %j as %s', (char, expected) => {
    expect(describeChar(char)).toBe(expected);
  });
});

describe('isHiddenChar / findChar', () => {
  it.each([
    '\0',
    '\n',
    '\u001f',
    '\u007f',
    '\u009f',
    '\u200d',
    '\u2028',
    '\u2066',
    '\ufeff',
    '\ud800',
  ])('%j is hidden', (char) => expect(isHiddenChar(char)).toBe(true));
  it.each(['a', ' ', '~', 'é', '€', '🚀'])('%j is visible', (char) => {
    expect(isHiddenChar(char)).toBe(false);
  });
  it('reports 1-based code point positions', () => {
    expect(findChar('🚀a!', (c) => c === '!')).toEqual({ char: '!', position: 3 });
    expect(findChar('abc', (c) => c === '!')).toBeUndefined();
  });
});
