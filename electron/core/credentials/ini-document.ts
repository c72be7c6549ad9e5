import { scanIni } from './ini-scan';

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
 * Lines are stored as byte offsets into the file's UTF-8 (ini-scan.ts), not as
 * objects or strings, so a 5,000-profile (1 MB) file is indexed in a few
 * milliseconds without being decoded; a line's text, `lines` and `entries` are
 * made only when someone asks for them.
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
export class IniDocument {
  readonly bom: boolean;
  readonly lineCount: number;
  readonly sections: readonly IniSection[];
  readonly #bytes: Buffer;
  #text: string | undefined;
  readonly #starts: Uint32Array;
  readonly #ends: Uint32Array;
  readonly #kinds: Uint8Array;
  #lines: IniLine[] | undefined;
  #byName: Map<string, IniSection[]> | undefined;
  /** What sectionsNamed found, by name, until the full index is built. */
  readonly #named = new Map<string, readonly IniSection[]>();

  /** Use parseIni or parseIniBytes. */
  constructor(bytes: Uint8Array, text: string | undefined) {
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#text = text;
    const scan = scanIni(bytes);
    this.#starts = scan.starts;
    this.#ends = scan.ends;
    this.#kinds = scan.kinds;
    this.bom = scan.first > 0;
    this.lineCount = scan.kinds.length;
    const { headers } = scan;
    this.sections = headers.map((line, i) => new LazySection(this, line, headers[i + 1]));
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
    return this.#bytes.toString('utf8', this.#starts[line], this.#ends[line]);
  }

  eol(line: number): LineEnding {
    const next =
      line + 1 < this.lineCount ? (this.#starts[line + 1] as number) : this.#bytes.length;
    const length = next - (this.#ends[line] as number);
    return length === 2 ? '\r\n' : length === 1 ? '\n' : '';
  }

  kind(line: number): IniLineKind {
    return KINDS[this.#kinds[line] as number] as IniLineKind;
  }

  /** The exact original text of lines [from, to), line endings included. */
  source(from: number, to: number): string {
    if (from >= to) return '';
    return this.#bytes.toString('utf8', ...this.sourceRange(from, to));
  }

  /** Where lines [from, to) start and end in `bytes`, line endings included. */
  sourceRange(from: number, to: number): [start: number, end: number] {
    const end = to < this.lineCount ? (this.#starts[to] as number) : this.#bytes.length;
    return [from < this.lineCount ? (this.#starts[from] as number) : end, end];
  }

  /** Sections by name, in file order (built once: planning and editing both ask). */
  get byName(): ReadonlyMap<string, readonly IniSection[]> {
    this.#byName ??= indexSections(this);
    return this.#byName;
  }

  /**
   * The sections named `name`, in file order. Lookups of the first few names (a
   * refresh writes one profile) skip the header lines that do not contain the name's
   * bytes, so the 5,000 other headers of a big file are never decoded; a
   * batch past that builds the full index.
   */
  sectionsNamed(name: string): readonly IniSection[] {
    if (this.#byName || this.#named.size >= 8) return this.byName.get(name) ?? [];
    const known = this.#named.get(name);
    if (known) return known;
    const wanted = Buffer.from(name, 'utf8');
    const found = this.sections.filter((section) => {
      // A header's name is a substring of its line.
      const start = this.#starts[section.headerLine] as number;
      const end = this.#ends[section.headerLine] as number;
      if (end - start < wanted.length) return false;
      return this.#bytes.subarray(start, end).indexOf(wanted) !== -1 && section.name === name;
    });
    this.#named.set(name, found);
    return found;
  }

  /** The file's UTF-8 bytes, BOM included: what the document was parsed from. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  /** The whole original text, BOM included (decoded on first use). */
  toString(): string {
    this.#text ??= this.#bytes.toString('utf8');
    return this.#text;
  }
}

class LazySection implements IniSection {
  readonly bodyEnd: number;
  #entries: IniEntry[] | undefined;

  #name: string | undefined;

  constructor(
    private readonly doc: IniDocument,
    readonly headerLine: number,
    nextHeader: number | undefined,
  ) {
    this.bodyEnd = nextHeader ?? doc.lineCount;
  }

  get name(): string {
    this.#name ??= headerName(this.doc.text(this.headerLine));
    return this.#name;
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
  return new IniDocument(Buffer.from(text, 'utf8'), text);
}

/**
 * The same from the file's bytes, which must be valid UTF-8 (see decode-utf8.ts):
 * nothing is decoded but section headers and the lines someone reads.
 */
export function parseIniBytes(bytes: Uint8Array): IniDocument {
  return new IniDocument(bytes, undefined);
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
