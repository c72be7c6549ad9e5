import { describeChar } from '../../../shared/quote-value';

/**
 * Where and why a JSON text fails to parse, for messages like "at line 3,
 * column 5". V8's own SyntaxError gives a position only for some errors (and a
 * raw excerpt of the file for others), so this small scanner re-reads the text
 * and stops at the first error JSON.parse would hit.
 */
export interface JsonErrorLocation {
  /** UTF-16 offset of the offending character (the text length at end of input). */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** What is wrong there, e.g. `expected "," or "}"`. */
  readonly problem: string;
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function describeAt(text: string, offset: number): string {
  const char = text.codePointAt(offset);
  return char === undefined ? 'the end of the file' : describeChar(String.fromCodePoint(char));
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): void {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new JsonScanError(this.pos, 'the file is empty');
    this.value();
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new JsonScanError(
        this.pos,
        `unexpected ${describeAt(this.text, this.pos)} after the end of the JSON value`,
      );
    }
  }

  private fail(expected: string): never {
    const found = describeAt(this.text, this.pos);
    let hint = '';
    if (this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos)) {
      hint = ' (JSON has no comments)';
    } else if (expected.startsWith('","') && /^["{[\-0-9tfn]$/.test(this.text[this.pos] ?? '')) {
      hint = ' (a missing comma?)';
    }
    throw new JsonScanError(this.pos, `expected ${expected} but found ${found}${hint}`);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos] as string)) this.pos++;
  }

  private value(): void {
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    this.fail('a value');
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') {
          throw new JsonScanError(this.pos, 'a trailing comma ("," right before "}")');
        }
        this.fail('a "quoted" property name');
      }
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('":"');
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === '}') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail('"," or "}"');
      this.pos++;
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']')
        throw new JsonScanError(this.pos, 'a trailing comma ("," right before "]")');
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ']') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail('"," or "]"');
      this.pos++;
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined)
        throw new JsonScanError(start, 'a string is never closed (no ending ")');
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\n' || char === '\r') {
        throw new JsonScanError(this.pos, 'a line break inside a string (write it as \\n)');
      }
      if (char < ' ') this.fail('a printable character in a string');
      if (char === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            throw new JsonScanError(this.pos, 'a \\u escape without 4 hex digits');
          }
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !ESCAPES.has(escape)) {
          throw new JsonScanError(
            this.pos,
            'an invalid escape in a string (write a backslash as \\\\)',
          );
        }
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail('a number');
    this.pos += match[0].length;
  }
}

/** 1-based line and column of a UTF-16 offset; "\r\n", "\n" and a lone "\r" each end a line. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  try {
    new Scanner(text).run();
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    return { offset: error.offset, problem: error.problem, ...lineColumn(text, error.offset) };
  }
}

/** "expected "," or "}" but found "x" at line 3, column 5", or V8's message if the scanner finds nothing. */
export function describeJsonError(text: string, error: unknown): string {
  const location = locateJsonError(text);
  if (location && text.trim() === '') return location.problem;
  if (location) return `${location.problem} at line ${location.line}, column ${location.column}`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable';
}
