import { describe, expect, it } from 'vitest';

import {
  describeJsonError,
  lineColumn,
  locateJsonError,
} from '../../../electron/core/catalog/json-error-location';

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1}'],
    ['[]'],
    ['  {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} \n'],
    ['"text"'],
    ['0'],
  ])('accepts valid JSON %j', (text) => {
    expect(locateJsonError(text)).toBeUndefined();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    [
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      'expected "," or "}" but found a double quote (") (a missing comma?)',
    ],
    ['{"a": }', 1, 7, 'expected a value but found "}"'],
    ['{\n  "a": 1,\n}', 3, 1, 'trailing comma'],
    ['[1, 2,]', 1, 7, 'trailing comma'],
    ['{"a": 1} x', 1, 10, 'after the end of the JSON value'],
    ['{"a": "x\ny"}', 1, 9, 'a line break inside a string'],
    ['{"a": "x', 1, 7, 'never closed'],
    ['{\n  // note\n  "a": 1}', 2, 3, 'JSON has no comments'],
    ["{'a': 1}", 1, 2, 'a "quoted" property name'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['\r\n\r\n  {', 3, 4, 'the end of the file'],
    ['{"é": 1 2}', 1, 9, 'expected "," or "}"'],
  ])('finds the error in %j at %i:%i', (text, line, column, fragment) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const location = locateJsonError(text);
    expect(location).toMatchObject({ line, column });
    expect(location?.problem).toContain(fragment);
  });

  it('says the file is empty without a position', () => {
    expect(describeJsonError('  \n', new SyntaxError('Unexpected end of JSON input'))).toBe(
      'the file is empty',
    );
  });

  it('never puts a raw control character into the message', () => {
    const message = describeJsonError('{"a": \u0001}', new SyntaxError('x'));
    expect(message).toContain('U+0001');
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('lineColumn', () => {
  it('counts LF, CRLF and lone CR line ends, and columns in characters', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\rcd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('😀x', 2)).toEqual({ line: 1, column: 2 });
  });
});
