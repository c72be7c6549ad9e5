/**
 * A lossless model of an AWS shared credentials/config file.
 *
 * The user's file is not ours: every line keeps its exact text and its own line
 * ending, so serializing an unedited document gives back the identical string.
 * Classification follows botocore (Python RawConfigParser), the stricter reader:
 * whole-line `#`/`;` comments, `=` or `:` delimiters (whichever comes first),
 * case-insensitive keys, and lines indented deeper than their key are
 * continuation lines of that key (never reinterpreted as keys or headers).
 *
 * Lines are stored as offsets into the original text, not as objects, so a
 * 5,000-profile (1 MB) file parses in a few milliseconds without garbage;
 * `lines` and `entries` are built only when someone asks for them.
 */

/** How one physical line ends; the last line of a file may have none. */
export type LineEnding = '' | '\n' | '\r\n';

export type IniLineKind = 'blank' | 'comment' | 'section' | 'entry' | 'continuation' | 'other';

export interface IniLine {
  /** The line without its line ending (and without the BOM on the first line). */
  readonly text: string;
  readonly eol: LineEnding;
  readonly kind: IniLineKind;
}

export interface IniEntry {
  /** The key as written, trimmed. Compare with `sameKey` (botocore lowercases keys). */
  readonly key: string;
  /** The text after the delimiter, trimmed. */
  readonly value: string;
  readonly line: number;
  /** Exclusive end: the entry's own line plus its continuation lines (and comments among them). */
  readonly endLine: number;
}

export interface IniSection {
  /** The header's name with surrounding spaces trimmed: `[ prod ]` is "prod". */
  readonly name: string;
  readonly headerLine: number;
  /** Exclusive end of the body: the next header's line or the line count. */
  readonly bodyEnd: number;
  readonly entries: readonly IniEntry[];
}

/** Where the parts of a `key = value` line are, so a value can be replaced in place. */
export interface EntryLayout {
  readonly key: string;
  readonly delimiterIndex: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

const KINDS: readonly IniLineKind[] = [
  'blank',
  'comment',
  'section',
  'entry',
  'continuation',
  'other',
];
const [BLANK, COMMENT, SECTION, ENTRY, CONTINUATION, OTHER] = [0, 1, 2, 3, 4, 5] as const;

export class IniDocument {
  readonly bom: boolean;
  readonly lineCount: number;
  readonly sections: readonly IniSection[];
  readonly #text: string;
  readonly #starts: Uint32Array;
  readonly #ends: Uint32Array;
  readonly #kinds: Uint8Array;
  #lines: IniLine[] | undefined;
  #byName: Map<string, IniSection[]> | undefined;

  /** Use parseIni. */
  constructor(
    text: string,
    starts: Uint32Array,
    ends: Uint32Array,
    kinds: Uint8Array,
    headers: readonly { name: string; line: number }[],
  ) {
    this.#text = text;
    this.#starts = starts;
    this.#ends = ends;
    this.#kinds = kinds;
    this.bom = text.charCodeAt(0) === 0xfeff;
    this.lineCount = kinds.length;
    this.sections = headers.map(
      (header, i) => new LazySection(this, header.name, header.line, headers[i + 1]?.line),
    );
  }

  get lines(): readonly IniLine[] {
    this.#lines ??= Array.from({ length: this.lineCount }, (_, i) => ({
      text: this.text(i),
      eol: this.eol(i),
      kind: this.kind(i),
    }));
    return this.#lines;
  }

  text(line: number): string {
    return this.#text.slice(this.#starts[line], this.#ends[line]);
  }

  eol(line: number): LineEnding {
    const next = line + 1 < this.lineCount ? (this.#starts[line + 1] as number) : this.#text.length;
    const length = next - (this.#ends[line] as number);
    return length === 2 ? '\r\n' : length === 1 ? '\n' : '';
  }

  kind(line: number): IniLineKind {
    return KINDS[this.#kinds[line] as number] as IniLineKind;
  }

  /** The exact original text of lines [from, to), line endings included. */
  source(from: number, to: number): string {
    if (from >= to) return '';
    const end = to < this.lineCount ? this.#starts[to] : this.#text.length;
    return this.#text.slice(this.#starts[from], end);
  }

  /** Where lines [from, to) start and end in the text (UTF-16 offsets), line endings included. */
  sourceRange(from: number, to: number): readonly [start: number, end: number] {
    const end = to < this.lineCount ? (this.#starts[to] as number) : this.#text.length;
    return [from < this.lineCount ? (this.#starts[from] as number) : end, end];
  }

  /** Sections by name, in file order (built once: planning and editing both ask). */
  get byName(): ReadonlyMap<string, readonly IniSection[]> {
    this.#byName ??= indexSections(this);
    return this.#byName;
  }

  /** The whole original text, BOM included. */
  toString(): string {
    return this.#text;
  }
}

class LazySection implements IniSection {
  readonly bodyEnd: number;
  #entries: IniEntry[] | undefined;

  constructor(
    private readonly doc: IniDocument,
    readonly name: string,
    readonly headerLine: number,
    nextHeader: number | undefined,
  ) {
    this.bodyEnd = nextHeader ?? doc.lineCount;
  }

  get entries(): readonly IniEntry[] {
    this.#entries ??= readEntries(this.doc, this.headerLine + 1, this.bodyEnd);
    return this.#entries;
  }
}

function readEntries(doc: IniDocument, from: number, to: number): IniEntry[] {
  const entries: IniEntry[] = [];
  for (let line = from; line < to; line++) {
    if (doc.kind(line) !== 'entry') continue;
    const text = doc.text(line);
    const layout = entryLayout(text) as EntryLayout;
    let endLine = line + 1;
    // Comments and blank lines may sit between continuation lines (botocore skips them).
    for (let next = line + 1; next < to; next++) {
      const kind = doc.kind(next);
      if (kind === 'continuation') endLine = next + 1;
      else if (kind !== 'comment' && kind !== 'blank') break;
    }
    entries.push({
      key: layout.key,
      value: text.slice(layout.valueStart, layout.valueEnd),
      line,
      endLine,
    });
  }
  return entries;
}

export function parseIni(text: string): IniDocument {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let count = 0;
  for (let at = text.indexOf('\n', first); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  if (text.length > first && !text.endsWith('\n')) count++;

  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  const kinds = new Uint8Array(count);
  const headers: { name: string; line: number }[] = [];
  // The indentation of the key whose value may continue on deeper-indented lines.
  let entryIndent = -1;

  let start = first;
  for (let line = 0; line < count; line++) {
    const newline = text.indexOf('\n', start);
    const stop = newline === -1 ? text.length : newline;
    const end =
      stop > start && text.charCodeAt(stop - 1) === 13 && newline !== -1 ? stop - 1 : stop;
    starts[line] = start;
    ends[line] = end;

    let indentEnd = start;
    while (indentEnd < end && isWhitespace(text.charCodeAt(indentEnd))) indentEnd++;
    const indent = indentEnd - start;
    const firstChar = text.charCodeAt(indentEnd);
    if (indentEnd === end) {
      kinds[line] = BLANK;
    } else if (firstChar === 35 /* # */ || firstChar === 59 /* ; */) {
      kinds[line] = COMMENT;
    } else if (entryIndent !== -1 && indent > entryIndent) {
      // botocore: a line indented deeper than the key above it continues that key's value.
      kinds[line] = CONTINUATION;
    } else {
      // Classified in place: no string is made for the 40,000 lines of a big file.
      if (firstChar === 91 /* [ */ && hasChar(text, 93 /* ] */, indentEnd, end)) {
        kinds[line] = SECTION;
        headers.push({ name: headerName(text.slice(start, end)), line });
        entryIndent = -1;
      } else if (isEntryLine(text, indentEnd, end)) {
        kinds[line] = ENTRY;
        entryIndent = indent;
      } else {
        // botocore rejects such a line; we keep it and let it end the previous key.
        kinds[line] = OTHER;
        entryIndent = -1;
      }
    }
    start = stop + 1;
  }
  return new IniDocument(text, starts, ends, kinds, headers);
}

export function serializeIni(doc: IniDocument): string {
  return doc.toString();
}

/** botocore lowercases keys, so `AWS_Access_Key_ID` and `aws_access_key_id` are one key. */
export function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Sections by name, in file order; a name with more than one section is a duplicate. */
export function indexSections(doc: IniDocument): Map<string, IniSection[]> {
  const byName = new Map<string, IniSection[]>();
  for (const section of doc.sections) {
    const list = byName.get(section.name);
    if (list) list.push(section);
    else byName.set(section.name, [section]);
  }
  return byName;
}

/** The line ending most lines use; LF when there is none (or a tie). */
export function dominantLineEnding(doc: IniDocument): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let line = 0; line < doc.lineCount; line++) {
    const eol = doc.eol(line);
    if (eol === '\r\n') crlf++;
    else if (eol === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Splits `key = value` (or botocore's `key: value`) on the first `=` or `:`.
 * Returns undefined when the line has no delimiter or no key before it.
 */
export function entryLayout(text: string): EntryLayout | undefined {
  const eq = text.indexOf('=');
  const colon = text.indexOf(':');
  const delimiterIndex = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
  if (delimiterIndex === -1) return undefined;
  const key = text.slice(0, delimiterIndex).trim();
  if (key === '') return undefined;
  let valueStart = delimiterIndex + 1;
  while (valueStart < text.length && isWhitespace(text.charCodeAt(valueStart))) valueStart++;
  let valueEnd = text.length;
  while (valueEnd > valueStart && isWhitespace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  return { key, delimiterIndex, valueStart, valueEnd };
}

/** What `entryLayout` says of the line, given where its indentation ends: a key, then `=` or `:`. */
function isEntryLine(text: string, indentEnd: number, end: number): boolean {
  for (let at = indentEnd; at < end; at++) {
    const code = text.charCodeAt(at);
    // The key before the first delimiter is not empty: the line's first non-space came before it.
    if (code === 61 /* = */ || code === 58 /* : */) return at > indentEnd;
  }
  return false;
}

function hasChar(text: string, code: number, from: number, end: number): boolean {
  for (let at = from; at < end; at++) if (text.charCodeAt(at) === code) return true;
  return false;
}

/**
 * `[ name ]` gives "name". The JS SDK strips an inline comment first and botocore
 * takes everything up to the last `]`; both agree on `[name] # note`.
 */
function headerName(text: string): string {
  const trimmed = text.trim();
  const withoutComment = trimmed.split(/\s[;#]/)[0]?.trimEnd() ?? trimmed;
  const closing = withoutComment.endsWith(']')
    ? withoutComment.length - 1
    : trimmed.lastIndexOf(']');
  return trimmed.slice(1, closing).trim();
}

/** Whitespace by the same definition as String.prototype.trim. */
function isWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(String.fromCharCode(code));
}
