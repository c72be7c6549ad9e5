/** How much of a user's value an error message repeats back before cutting it off. */
export const MAX_ECHO_LENGTH = 60;

/**
 * True for characters that would break a one-line message or hide what a value
 * really says: C0/C1 controls, DEL, zero-width and bidi-control characters,
 * line/paragraph separators and the byte-order mark.
 */
export function isHiddenChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff ||
    (code >= 0xd800 && code <= 0xdfff) // a lone surrogate half
  );
}

function codePointLabel(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Names one character for a message: `a space`, `a line break (\n)`, `"!"`, `an invisible character (U+200B)`. */
export function describeChar(char: string): string {
  switch (char) {
    case ' ':
      return 'a space';
    case '\t':
      return 'a tab (\\t)';
    case '\n':
      return 'a line break (\\n)';
    case '\r':
      return 'a carriage return (\\r)';
    case '\0':
      return 'a NUL character (\\0)';
    case '"':
      return 'a double quote (")';
  }
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) {
    return `a control character (${codePointLabel(char)})`;
  }
  if (isHiddenChar(char)) return `an invisible character (${codePointLabel(char)})`;
  if (/^\s$/u.test(char)) return `a whitespace character (${codePointLabel(char)})`;
  return `"${char}"`;
}

function escapeChar(char: string): string {
  switch (char) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\0':
      return '\\0';
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
  }
  if (isHiddenChar(char)) {
    return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  }
  return char;
}

/**
 * Quotes a value for an error message, escaping anything invisible so the
 * message stays on one line and shows what was really typed, and cutting long
 * values (which may be pasted secrets or whole files) short with "…".
 */
export function quoteValue(value: string, maxLength = MAX_ECHO_LENGTH): string {
  let out = '';
  for (const char of value) {
    const piece = escapeChar(char);
    if (out.length + piece.length > maxLength) return `"${out}…"`;
    out += piece;
  }
  return `"${out}"`;
}

/** First character (by code point) for which `isUnwanted` holds, with its 1-based position. */
export function findChar(
  value: string,
  isUnwanted: (char: string) => boolean,
): { char: string; position: number } | undefined {
  let position = 0;
  for (const char of value) {
    position += 1;
    if (isUnwanted(char)) return { char, position };
  }
  return undefined;
}
