import type { IniDocument, LineEnding } from './ini-document';

/** A run of the original file, by byte offsets: copied, never rebuilt. */
interface SourceRun {
  readonly start: number;
  readonly end: number;
}

type Part = string | SourceRun;

/**
 * The edited file as parts: new lines, and runs of the original file kept by
 * byte offset. Rendered as byte slices of the original file (or joined once),
 * so an edit of one profile in a 1 MB file neither decodes, rebuilds nor
 * re-encodes the megabyte it leaves alone.
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
    this.#parts = doc.bom ? [{ start: 0, end: 3 }] : [];
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
    return Buffer.concat(this.toBytes()).toString('utf8');
  }

  /** The same content as UTF-8 byte slices; the kept runs are views into the document's bytes. */
  toBytes(): Uint8Array[] {
    const source = this.#doc.bytes;
    return this.#parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'utf8') : source.subarray(part.start, part.end),
    );
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
