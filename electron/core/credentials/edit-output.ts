import type { IniDocument, LineEnding } from './ini-document';

/** A run of the original text, by UTF-16 offsets: copied, never rebuilt. */
interface SourceRun {
  readonly start: number;
  readonly end: number;
}

type Part = string | SourceRun;

/**
 * The edited file as parts: new text, and runs of the original text kept by
 * offset. Joined once at the end (no quadratic concatenation), or rendered as
 * byte slices of the original file, so an edit of one profile in a 1 MB file
 * neither rebuilds nor re-encodes the megabyte it leaves alone.
 */
export class EditOutput {
  readonly #doc: IniDocument;
  readonly #parts: Part[];
  readonly #first: number;
  /** Where the run of blank lines at the end of the output starts in #parts; -1 if none. */
  #blankRunStart = -1;
  #endsWithEol = true;

  constructor(doc: IniDocument) {
    this.#doc = doc;
    this.#parts = doc.bom ? [{ start: 0, end: 1 }] : [];
    this.#first = this.#parts.length;
  }

  get hasLines(): boolean {
    return this.#parts.length > this.#first;
  }

  get lastBlank(): boolean {
    return this.#blankRunStart !== -1;
  }

  pushLine(text: string, eol: LineEnding, blank: boolean): void {
    this.#markBlank(blank);
    this.#parts.push(text + eol);
    this.#endsWithEol = eol !== '';
  }

  /** Original lines [from, to), with their trailing blank lines kept apart so they can be dropped. */
  pushSource(from: number, to: number): void {
    let blankFrom = to;
    while (blankFrom > from && this.#doc.kind(blankFrom - 1) === 'blank') blankFrom--;
    if (blankFrom > from) {
      this.#markBlank(false);
      this.#pushRun(from, blankFrom);
    }
    if (blankFrom < to) {
      this.#markBlank(true);
      this.#pushRun(blankFrom, to);
    }
    this.#endsWithEol = this.#doc.eol(to - 1) !== '';
  }

  /** Gives the last line a line ending if it had none (it was the file's last line). */
  endLastLine(eol: LineEnding): void {
    if (this.hasLines && !this.#endsWithEol) this.#parts.push(eol);
    this.#endsWithEol = true;
  }

  dropTrailingBlankLines(): void {
    if (this.#blankRunStart === -1) return;
    this.#parts.length = this.#blankRunStart;
    this.#blankRunStart = -1;
    // The line before a blank line always had a line ending.
    this.#endsWithEol = true;
  }

  toString(): string {
    const text = this.#doc.toString();
    return this.#parts
      .map((part) => (typeof part === 'string' ? part : text.slice(part.start, part.end)))
      .join('');
  }

  /**
   * The same content as UTF-8 byte slices. `source` must be the bytes the
   * document's text was decoded from: kept runs are views into it, not copies.
   */
  toBytes(source: Uint8Array): Uint8Array[] {
    const text = this.#doc.toString();
    // All ASCII: a UTF-16 offset is a byte offset. Otherwise offsets are mapped
    // as we go (runs come in file order), counting only the text between runs.
    const ascii = source.length === text.length;
    let charAt = 0;
    let byteAt = 0;
    const byteOffset = (offset: number): number => {
      if (ascii) return offset;
      byteAt += Buffer.byteLength(text.slice(charAt, offset), 'utf8');
      charAt = offset;
      return byteAt;
    };
    return this.#parts.map((part) => {
      if (typeof part === 'string') return Buffer.from(part, 'utf8');
      const start = byteOffset(part.start);
      return source.subarray(start, byteOffset(part.end));
    });
  }

  #pushRun(from: number, to: number): void {
    const [start, end] = this.#doc.sourceRange(from, to);
    this.#parts.push({ start, end });
  }

  #markBlank(blank: boolean): void {
    if (!blank) this.#blankRunStart = -1;
    else if (this.#blankRunStart === -1) this.#blankRunStart = this.#parts.length;
  }
}
