import type { IniDocument, LineEnding } from './ini-document';

/** The edited file as string parts, joined once at the end (no quadratic concatenation). */
export class EditOutput {
  readonly #doc: IniDocument;
  readonly #parts: string[];
  readonly #first: number;
  /** Where the run of blank lines at the end of the output starts in #parts; -1 if none. */
  #blankRunStart = -1;
  #endsWithEol = true;

  constructor(doc: IniDocument) {
    this.#doc = doc;
    this.#parts = doc.bom ? ['\uFEFF'] : [];
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
      this.#parts.push(this.#doc.source(from, blankFrom));
    }
    if (blankFrom < to) {
      this.#markBlank(true);
      this.#parts.push(this.#doc.source(blankFrom, to));
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
    return this.#parts.join('');
  }

  #markBlank(blank: boolean): void {
    if (!blank) this.#blankRunStart = -1;
    else if (this.#blankRunStart === -1) this.#blankRunStart = this.#parts.length;
  }
}
