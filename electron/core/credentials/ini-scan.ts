/**
 * One pass over a file's UTF-8 bytes that finds every line and its kind, so a
 * 1 MB credentials file is indexed without being decoded: only the lines
 * someone reads (section headers, the edited sections) become strings.
 *
 * The rules are botocore's (see ini-document.ts); indentation is counted in
 * characters as String.prototype.trim sees them, whitespace beyond ASCII included.
 */

export const [BLANK, COMMENT, SECTION, ENTRY, CONTINUATION, OTHER] = [0, 1, 2, 3, 4, 5] as const;

export interface IniScan {
  /** Byte offset where each line starts and where its text ends (before CR LF or LF). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly kinds: Uint8Array;
  /** The lines that are section headers, in order. */
  readonly headers: readonly number[];
  /** 3 when the file starts with a UTF-8 BOM, else 0. */
  readonly first: number;
}

export function scanIni(bytes: Uint8Array): IniScan {
  const first = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const length = bytes.length;
  let count = 0;
  for (let at = first; at < length; at++) if (bytes[at] === 10) count++;
  if (length > first && bytes[length - 1] !== 10) count++;

  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  const kinds = new Uint8Array(count);
  const headers: number[] = [];
  // The indentation of the key whose value may continue on deeper-indented lines.
  let entryIndent = -1;

  let start = first;
  for (let line = 0; line < count; line++) {
    let stop = start;
    while (stop < length && bytes[stop] !== 10) stop++;
    const end = stop > start && stop < length && bytes[stop - 1] === 13 ? stop - 1 : stop;
    starts[line] = start;
    ends[line] = end;

    let indentEnd = start;
    let indent = 0;
    for (;;) {
      const width = indentEnd < end ? whitespaceWidth(bytes, indentEnd) : 0;
      if (width === 0) break;
      indentEnd += width;
      indent++;
    }
    const firstByte = bytes[indentEnd];
    if (indentEnd === end) {
      kinds[line] = BLANK;
    } else if (firstByte === 35 /* # */ || firstByte === 59 /* ; */) {
      kinds[line] = COMMENT;
    } else if (entryIndent !== -1 && indent > entryIndent) {
      // botocore: a line indented deeper than the key above it continues that key's value.
      kinds[line] = CONTINUATION;
    } else if (firstByte === 91 /* [ */ && hasByte(bytes, 93 /* ] */, indentEnd, end)) {
      kinds[line] = SECTION;
      headers.push(line);
      entryIndent = -1;
    } else if (isEntryLine(bytes, indentEnd, end)) {
      kinds[line] = ENTRY;
      entryIndent = indent;
    } else {
      // botocore rejects such a line; we keep it and let it end the previous key.
      kinds[line] = OTHER;
      entryIndent = -1;
    }
    start = stop + 1;
  }
  return { starts, ends, kinds, headers, first };
}

/**
 * A key, then `=` or `:` (whichever comes first): the key is not empty when the
 * line's first non-space came before the delimiter. UTF-8 never puts an ASCII
 * byte inside a multi-byte character, so the bytes can be searched directly.
 */
function isEntryLine(bytes: Uint8Array, indentEnd: number, end: number): boolean {
  for (let at = indentEnd; at < end; at++) {
    const byte = bytes[at];
    if (byte === 61 /* = */ || byte === 58 /* : */) return at > indentEnd;
  }
  return false;
}

function hasByte(bytes: Uint8Array, byte: number, from: number, end: number): boolean {
  for (let at = from; at < end; at++) if (bytes[at] === byte) return true;
  return false;
}

/** The byte length of the whitespace character at `at` (as trim() sees it), or 0. */
function whitespaceWidth(bytes: Uint8Array, at: number): number {
  const byte = bytes[at] as number;
  if (byte === 32 || (byte >= 9 && byte <= 13)) return 1;
  if (byte < 0x80) return 0;
  const width = Math.min(
    byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1,
    bytes.length - at,
  );
  const char = Buffer.from(bytes.buffer, bytes.byteOffset + at, width).toString('utf8');
  return /^\s$/.test(char) ? width : 0;
}
