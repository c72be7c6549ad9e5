import {
  dominantLineEnding,
  entryLayout,
  parseIni,
  type IniDocument,
  type IniSection,
} from './ini-document';
import { EditOutput } from './edit-output';
import { assertKey, assertProfileName, assertValue } from './ini-value-rules';

/**
 * Pure, minimal edits of profile sections. Every line outside the edited
 * sections keeps its bytes; the only exception is the blank lines that
 * separated a removed section from the end of the file or from another blank
 * line, which go with it.
 */

export interface PutProfileEdit {
  readonly kind: 'put';
  readonly profile: string;
  /** Written in this order when missing; replaced in place when present. */
  readonly values: ReadonlyArray<readonly [key: string, value: string]>;
  readonly removeKeys?: readonly string[];
}

export interface RemoveProfileEdit {
  readonly kind: 'remove';
  readonly profile: string;
  /**
   * Only these keys go (case-insensitive; `prefix*` matches every key starting
   * with prefix), and the header only when nothing but blank lines is left: the
   * user's own keys, nested blocks and comments keep the section. Without it,
   * every key and the header go.
   */
  readonly keys?: readonly string[];
}

export type ProfileEdit = PutProfileEdit | RemoveProfileEdit;

export function applyProfileEdits(text: string, edits: readonly ProfileEdit[]): string {
  return applyProfileEditsToDocument(parseIni(text), edits);
}

/** The same, for a document the caller has already parsed (a 1 MB file is not parsed twice). */
export function applyProfileEditsToDocument(
  doc: IniDocument,
  edits: readonly ProfileEdit[],
): string {
  return editOutput(doc, edits).toString();
}

/**
 * The same as UTF-8 byte slices to be written in order: the runs the edits
 * leave alone are views into the bytes `doc` was parsed from (parseIniBytes),
 * so a big file is neither decoded, rebuilt as one string nor encoded again.
 */
export function applyProfileEditsToBytes(
  doc: IniDocument,
  edits: readonly ProfileEdit[],
): Uint8Array[] {
  const out = editOutput(doc, edits);
  return typeof out === 'string' ? [Buffer.from(out, 'utf8')] : out.toBytes();
}

function editOutput(doc: IniDocument, edits: readonly ProfileEdit[]): EditOutput | string {
  for (const edit of edits) validateEdit(edit);
  const distinct = new Set(edits.map((edit) => edit.profile)).size === edits.length;
  if (distinct) return applyToDistinctProfiles(doc, edits);
  // The same profile edited twice: each edit must see the result of the one before.
  return edits.reduce(
    (current, edit) => applyToDistinctProfiles(parseIni(current), [edit]).toString(),
    doc.toString(),
  );
}

interface LinePlan {
  readonly deleted: Uint8Array;
  /** The same lines as `deleted`, as a list. */
  readonly deletions: number[];
  readonly replaced: Map<number, string>;
  /** New lines to place after the given original line. */
  readonly inserted: Map<number, string[]>;
}

function applyToDistinctProfiles(doc: IniDocument, edits: readonly ProfileEdit[]): EditOutput {
  const plan: LinePlan = {
    deleted: new Uint8Array(doc.lineCount),
    deletions: [],
    replaced: new Map(),
    inserted: new Map(),
  };
  const appended: PutProfileEdit[] = [];

  for (const edit of edits) {
    const found = doc.sectionsNamed(edit.profile);
    if (found.length > 1) {
      const where = found.map((s) => s.headerLine + 1).join(', ');
      throw new Error(
        `profile "${edit.profile}" has ${found.length} sections (lines ${where}); merge them before editing`,
      );
    }
    const section = found[0];
    if (edit.kind === 'put') {
      if (section) planPut(doc, section, edit, plan);
      else appended.push(edit);
    } else if (section) {
      planRemove(doc, section, edit.keys, plan);
    }
  }

  const out = new EditOutput(doc);
  render(doc, plan, out);
  const eol = appended.length > 0 ? dominantLineEnding(doc) : '\n';
  for (const edit of appended) {
    if (out.hasLines) {
      out.endLastLine(eol);
      if (!out.lastBlank) out.pushLine('', eol, true);
    }
    out.pushLine(`[${edit.profile}]`, eol, false);
    for (const [key, value] of edit.values) out.pushLine(`${key} = ${value}`, eol, false);
  }
  return out;
}

function planPut(doc: IniDocument, section: IniSection, edit: PutProfileEdit, plan: LinePlan) {
  const wanted = new Map(edit.values.map(([key, value]) => [key.toLowerCase(), { key, value }]));
  const removing = new Set((edit.removeKeys ?? []).map((key) => key.toLowerCase()));
  const written = new Set<string>();

  for (const entry of section.entries) {
    const key = entry.key.toLowerCase();
    const want = wanted.get(key);
    if (want && !written.has(key)) {
      written.add(key);
      plan.replaced.set(entry.line, withValue(doc.text(entry.line), want.value));
      // A multi-line value would otherwise continue after the new one.
      deleteKeyLines(doc, entry.line + 1, entry.endLine, plan);
    } else if (want || removing.has(key)) {
      // A repeated key (botocore rejects the file) or a key to drop.
      deleteKeyLines(doc, entry.line, entry.endLine, plan);
    }
  }

  const missing = [...wanted.entries()].filter(([key]) => !written.has(key));
  if (missing.length > 0) {
    const last = section.entries.at(-1);
    // After the last key, so trailing comments and blank lines stay with the next section.
    const anchor = last ? last.endLine - 1 : section.headerLine;
    plan.inserted.set(
      anchor,
      missing.map(([, { key, value }]) => `${key} = ${value}`),
    );
  }
}

function planRemove(
  doc: IniDocument,
  section: IniSection,
  keys: readonly string[] | undefined,
  plan: LinePlan,
) {
  if (keys === undefined) {
    deleteLine(plan, section.headerLine);
    // Comments and unparseable lines stay: they may be the user's notes.
    deleteKeyLines(doc, section.headerLine + 1, section.bodyEnd, plan);
    return;
  }
  const owned = keyMatcher(keys);
  for (const entry of section.entries) {
    if (owned(entry.key)) deleteKeyLines(doc, entry.line, entry.endLine, plan);
  }
  for (let line = section.headerLine + 1; line < section.bodyEnd; line++) {
    // A key, nested block, comment or stray line of the user's keeps the section.
    if (!plan.deleted[line] && doc.kind(line) !== 'blank') return;
  }
  deleteLine(plan, section.headerLine);
}

/** `name` matches that key, `prefix*` every key starting with prefix; both case-insensitive. */
function keyMatcher(keys: readonly string[]): (key: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const key of keys) {
    if (key.endsWith('*')) prefixes.push(key.slice(0, -1).toLowerCase());
    else exact.add(key.toLowerCase());
  }
  return (key) => {
    const lower = key.toLowerCase();
    return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix));
  };
}

function deleteKeyLines(doc: IniDocument, from: number, to: number, plan: LinePlan) {
  for (let i = from; i < to; i++) {
    const kind = doc.kind(i);
    if (kind === 'entry' || kind === 'continuation') deleteLine(plan, i);
  }
}

function deleteLine(plan: LinePlan, line: number) {
  plan.deleted[line] = 1;
  plan.deletions.push(line);
}

function render(doc: IniDocument, plan: LinePlan, out: EditOutput): void {
  // Only the lines an edit touches are visited; the runs between them are
  // copied as whole slices of the original text.
  const touched = [
    ...new Set([...plan.deletions, ...plan.replaced.keys(), ...plan.inserted.keys()]),
  ];
  touched.sort((a, b) => a - b);
  // True while lines have been deleted since the last line we kept.
  let gap = false;

  const copyUntouched = (from: number, to: number) => {
    // A deletion must not leave a leading blank line or a double blank line.
    while (gap && from < to && doc.kind(from) === 'blank' && (!out.hasLines || out.lastBlank))
      from++;
    if (from < to) {
      out.pushSource(from, to);
      gap = false;
    }
  };

  let next = 0;
  for (const line of touched) {
    copyUntouched(next, line);
    next = line + 1;
    const replacement = plan.replaced.get(line);
    if (plan.deleted[line]) {
      gap = true;
    } else if (replacement !== undefined) {
      out.pushLine(replacement, doc.eol(line), false);
      gap = false;
    } else {
      out.pushSource(line, line + 1);
      gap = false;
    }
    const inserted = plan.inserted.get(line);
    if (inserted) {
      const lineEol = doc.eol(line);
      const insertEol = lineEol || dominantLineEnding(doc);
      out.endLastLine(insertEol);
      // Inserting after a last line that had no newline: the file still ends without one.
      const keepMissingFinalNewline = line === doc.lineCount - 1 && lineEol === '';
      inserted.forEach((text, k) => {
        const isLast = k === inserted.length - 1;
        out.pushLine(text, isLast && keepMissingFinalNewline ? '' : insertEol, false);
      });
      gap = false;
    }
  }
  copyUntouched(next, doc.lineCount);
  // Removing the last section also drops the blank lines that separated it.
  if (gap) out.dropTrailingBlankLines();
}

/** Replaces only the value, keeping the line's own spacing, trailing text and line ending. */
function withValue(text: string, value: string): string {
  const layout = entryLayout(text);
  if (!layout) throw new Error('internal: entry line without a delimiter');
  const { delimiterIndex, valueStart, valueEnd } = layout;
  const tail = text.slice(valueEnd);
  if (text[delimiterIndex] === ':') {
    // The JS SDK only splits on '=': a botocore-style `key: value` we rewrite becomes `key = value`.
    return `${text.slice(0, delimiterIndex).trimEnd()} = ${value}${tail}`;
  }
  let head = text.slice(0, valueStart);
  // `key =` with an empty value: give the new value the same spacing as the key side.
  if (valueStart === delimiterIndex + 1 && /\s/.test(text[delimiterIndex - 1] ?? '')) head += ' ';
  return head + value + tail;
}

function validateEdit(edit: ProfileEdit): void {
  assertProfileName(edit.profile);
  if (edit.kind === 'remove') {
    for (const key of edit.keys ?? []) assertKey(key.endsWith('*') ? key.slice(0, -1) : key);
    return;
  }
  const keys = new Set<string>();
  for (const [key, value] of edit.values) {
    assertKey(key);
    assertValue(key, value);
    if (keys.has(key.toLowerCase())) throw new Error(`key ${key} appears twice in one edit`);
    keys.add(key.toLowerCase());
  }
  for (const key of edit.removeKeys ?? []) {
    assertKey(key);
    if (keys.has(key.toLowerCase())) throw new Error(`key ${key} is both written and removed`);
  }
}
