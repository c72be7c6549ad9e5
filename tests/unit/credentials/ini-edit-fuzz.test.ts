import { describe, expect, it } from 'vitest';
import {
  dominantLineEnding,
  indexSections,
  parseIni,
  sameKey,
  type IniDocument,
  type IniLine,
  type IniSection,
} from '../../../electron/core/credentials/ini-document';
import { applyProfileEdits, type ProfileEdit } from '../../../electron/core/credentials/ini-edit';
import { PROFILE_POOL, randomEdit, randomIniFile, seededRandom } from './helpers/random-ini';

/**
 * Property test: for seeded random files and edits, every byte outside the
 * edited section is unchanged, and the edit itself did exactly what it says.
 */

const SEED = 20261122;
const SINGLE_CASES = 500;
const BATCH_CASES = 250;
const KEYED_CASES = 400;
/** What CredentialsFile removes from a managed profile. */
const OWN_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'x_switchyard_*',
];
const isOwnKey = (key: string) =>
  /^(aws_access_key_id|aws_secret_access_key|aws_session_token|x_switchyard_.*)$/i.test(key);

const join = (lines: readonly IniLine[]) => lines.map((l) => l.text + l.eol).join('');

/**
 * Same text, same line ending, except that a last line without a newline may
 * gain one when something is inserted or appended after it.
 */
function expectSameLines(after: readonly IniLine[], before: readonly IniLine[]) {
  expect(after.map((l) => l.text)).toEqual(before.map((l) => l.text));
  before.forEach((line, i) => {
    if (line.eol !== '') expect(after[i]?.eol).toBe(line.eol);
  });
}
const bomOf = (doc: IniDocument) => (doc.bom ? '\uFEFF' : '');

function longestBlankRun(doc: IniDocument): number {
  let run = 0;
  let longest = 0;
  for (const line of doc.lines) {
    run = line.kind === 'blank' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** First line of the blank lines right above a section's header. */
function blankRunStart(doc: IniDocument, section: IniSection): number {
  let start = section.headerLine;
  while (start > 0 && doc.lines[start - 1]?.kind === 'blank') start--;
  return start;
}

function uniqueSection(doc: IniDocument, profile: string): IniSection | undefined | 'duplicate' {
  const found = indexSections(doc).get(profile) ?? [];
  return found.length > 1 ? 'duplicate' : found[0];
}

function checkPutExisting(
  input: string,
  edit: Extract<ProfileEdit, { kind: 'put' }>,
  output: string,
) {
  const before = parseIni(input);
  const section = uniqueSection(before, edit.profile) as IniSection;
  const prefix = bomOf(before) + join(before.lines.slice(0, section.headerLine));
  const suffix = join(before.lines.slice(section.bodyEnd));
  expect(output.startsWith(prefix)).toBe(true);
  expect(output.endsWith(suffix)).toBe(true);

  const after = parseIni(output);
  const edited = uniqueSection(after, edit.profile) as IniSection;
  expect(after.lines[edited.headerLine]?.text).toBe(before.lines[section.headerLine]?.text);
  for (const [key, value] of edit.values) {
    const matches = edited.entries.filter((e) => sameKey(e.key, key));
    expect(matches.map((e) => e.value)).toEqual([value]);
  }
  for (const key of edit.removeKeys ?? []) {
    expect(edited.entries.some((e) => sameKey(e.key, key))).toBe(false);
  }
  // Keys the edit does not name keep their exact lines, in order.
  const named = (key: string) =>
    edit.values.some(([k]) => sameKey(k, key)) ||
    (edit.removeKeys ?? []).some((k) => sameKey(k, key));
  const untouched = (doc: IniDocument, s: IniSection) =>
    s.entries.filter((e) => !named(e.key)).flatMap((e) => doc.lines.slice(e.line, e.endLine));
  expectSameLines(untouched(after, edited), untouched(before, section));
  // Comments in the section survive, in order.
  const comments = (doc: IniDocument, s: IniSection) =>
    doc.lines
      .slice(s.headerLine, s.bodyEnd)
      .filter((l) => l.kind === 'comment')
      .map((l) => l.text);
  expect(comments(after, edited)).toEqual(comments(before, section));
  // Doing it again changes nothing.
  expect(applyProfileEdits(output, [edit])).toBe(output);
}

function checkPutNew(input: string, edit: Extract<ProfileEdit, { kind: 'put' }>, output: string) {
  const before = parseIni(input);
  const eol = dominantLineEnding(before);
  const last = before.lines.at(-1);
  const base =
    input + (last && last.eol === '' ? eol : '') + (last && last.kind !== 'blank' ? eol : '');
  const section = [`[${edit.profile}]`, ...edit.values.map(([k, v]) => `${k} = ${v}`)];
  expect(output).toBe(base + section.map((line) => line + eol).join(''));
}

function checkRemove(input: string, profile: string, output: string) {
  const before = parseIni(input);
  const section = uniqueSection(before, profile) as IniSection;
  const head = bomOf(before) + join(before.lines.slice(0, blankRunStart(before, section)));
  const suffix = join(before.lines.slice(section.bodyEnd));
  expect(output.startsWith(head)).toBe(true);
  expect(output.endsWith(suffix)).toBe(true);
  expect(head.length + suffix.length).toBeLessThanOrEqual(output.length);

  // Between them: only blank lines and the section's comments and unparseable lines.
  const middle = parseIni(output.slice(head.length, output.length - suffix.length));
  const kept = before.lines
    .slice(section.headerLine, section.bodyEnd)
    .filter((l) => l.kind === 'comment' || l.kind === 'other')
    .map((l) => l.text + l.eol);
  expect(middle.lines.filter((l) => l.kind !== 'blank').map((l) => l.text + l.eol)).toEqual(kept);

  const after = parseIni(output);
  expect(indexSections(after).has(profile)).toBe(false);
  // Removing the last section leaves no trailing blank line behind.
  if (suffix === '' && kept.length === 0 && after.lines.length > 0) {
    expect(after.lines.at(-1)?.kind).not.toBe('blank');
  }
  expect(longestBlankRun(after)).toBeLessThanOrEqual(longestBlankRun(before));
  if (after.lines[0]?.kind === 'blank') expect(before.lines[0]?.kind).toBe('blank');
}

describe('applyProfileEdits under random files and edits', () => {
  it(`keeps every byte outside the edited section (${SINGLE_CASES} single edits)`, () => {
    const random = seededRandom(SEED);
    const seen = { putExisting: 0, putNew: 0, remove: 0, removeMissing: 0, duplicate: 0 };
    for (let n = 0; n < SINGLE_CASES; n++) {
      const input = randomIniFile(random);
      const edit = randomEdit(random);
      const section = uniqueSection(parseIni(input), edit.profile);
      const label = `case ${n}: ${JSON.stringify(input)} ${JSON.stringify(edit)}`;
      try {
        if (section === 'duplicate') {
          seen.duplicate++;
          expect(() => applyProfileEdits(input, [edit])).toThrow(/sections/);
          continue;
        }
        const output = applyProfileEdits(input, [edit]);
        expect(
          parseIni(output)
            .lines.map((l) => l.text + l.eol)
            .join(''),
        ).toBe(output.replace(/^\uFEFF/, ''));
        if (edit.kind === 'put' && section) {
          seen.putExisting++;
          checkPutExisting(input, edit, output);
        } else if (edit.kind === 'put') {
          seen.putNew++;
          checkPutNew(input, edit, output);
        } else if (section) {
          seen.remove++;
          checkRemove(input, edit.profile, output);
        } else {
          seen.removeMissing++;
          expect(output).toBe(input);
        }
      } catch (error) {
        throw new Error(`${label}\n${String(error)}`, { cause: error });
      }
    }
    // The generator must reach every path, or the property proves little.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(15);
  });

  it(`keeps untouched sections intact in batches (${BATCH_CASES} batches)`, () => {
    const random = seededRandom(SEED + 1);
    let checked = 0;
    for (let n = 0; n < BATCH_CASES; n++) {
      const input = randomIniFile(random);
      const edits = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomEdit(random));
      const before = parseIni(input);
      const index = indexSections(before);
      if (edits.some((e) => (index.get(e.profile)?.length ?? 0) > 1)) continue;
      const label = `batch ${n}: ${JSON.stringify(input)} ${JSON.stringify(edits)}`;
      try {
        const output = applyProfileEdits(input, edits);
        const after = parseIni(output);
        const afterIndex = indexSections(after);
        const touched = new Set(edits.map((e) => e.profile));

        // Everything above the first edited section (and its separating blanks) is identical.
        const firstEdited = before.sections.find((s) => touched.has(s.name));
        // (A profile appended and removed again in one batch takes the file's trailing blanks.)
        let headEnd = firstEdited ? blankRunStart(before, firstEdited) : before.lines.length;
        while (!firstEdited && headEnd > 0 && before.lines[headEnd - 1]?.kind === 'blank')
          headEnd--;
        expect(output.startsWith(bomOf(before) + join(before.lines.slice(0, headEnd)))).toBe(true);

        // Sections nobody edited keep their header, keys and comments byte for byte.
        for (const section of before.sections) {
          if (touched.has(section.name) || index.get(section.name)?.length !== 1) continue;
          const twin = afterIndex.get(section.name)?.[0];
          expect(twin).toBeDefined();
          const content = (doc: IniDocument, s: IniSection) =>
            doc.lines.slice(s.headerLine, s.bodyEnd).filter((l) => l.kind !== 'blank');
          const original = content(before, section);
          const now = content(after, twin as IniSection);
          expectSameLines(now.slice(0, original.length), original);
          // Only the comments of a removed section that followed may join it.
          expect(
            now.slice(original.length).every((l) => ['comment', 'other'].includes(l.kind)),
          ).toBe(true);
        }
        // The last edit of each profile decides whether it exists.
        for (const profile of touched) {
          const last = edits.filter((e) => e.profile === profile).at(-1) as ProfileEdit;
          expect(afterIndex.has(profile)).toBe(last.kind === 'put');
        }
        checked++;
      } catch (error) {
        throw new Error(`${label}\n${String(error)}`, { cause: error });
      }
    }
    expect(checked).toBeGreaterThan(BATCH_CASES / 2);
  });
  it(`removes only the given keys; every other line of the section stays (${KEYED_CASES} cases)`, () => {
    const random = seededRandom(SEED + 2);
    const seen = { kept: 0, dropped: 0 };
    for (let n = 0; n < KEYED_CASES; n++) {
      const input = randomIniFile(random);
      const profile = PROFILE_POOL[Math.floor(random() * PROFILE_POOL.length)] as string;
      const before = parseIni(input);
      const section = uniqueSection(before, profile);
      if (section === undefined || section === 'duplicate') continue;
      const label = `keyed case ${n}: ${JSON.stringify(input)} ${profile}`;
      try {
        const output = applyProfileEdits(input, [{ kind: 'remove', profile, keys: OWN_KEYS }]);
        const after = parseIni(output);
        const head = bomOf(before) + join(before.lines.slice(0, blankRunStart(before, section)));
        expect(output.startsWith(head)).toBe(true);
        expect(output.endsWith(join(before.lines.slice(section.bodyEnd)))).toBe(true);

        // The lines that are not one of our keys (or its continuation), in order.
        const ownLines = new Set(
          section.entries
            .filter((e) => isOwnKey(e.key))
            .flatMap((e) =>
              before.lines
                .slice(e.line, e.endLine)
                .map((l, i) => e.line + i)
                .filter((i) => ['entry', 'continuation'].includes(before.lines[i]?.kind ?? '')),
            ),
        );
        const theirs = before.lines
          .slice(section.headerLine + 1, section.bodyEnd)
          .filter((l, i) => l.kind !== 'blank' && !ownLines.has(section.headerLine + 1 + i));
        const edited = uniqueSection(after, profile);
        if (theirs.length === 0) {
          seen.dropped++;
          expect(edited).toBeUndefined();
          continue;
        }
        seen.kept++;
        const kept = edited as IniSection;
        expect(after.lines[kept.headerLine]?.text).toBe(before.lines[section.headerLine]?.text);
        expectSameLines(
          after.lines.slice(kept.headerLine + 1, kept.bodyEnd).filter((l) => l.kind !== 'blank'),
          theirs,
        );
        expect(kept.entries.some((e) => isOwnKey(e.key))).toBe(false);
        expect(longestBlankRun(after)).toBeLessThanOrEqual(longestBlankRun(before));
      } catch (error) {
        throw new Error(`${label}\n${String(error)}`, { cause: error });
      }
    }
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(30);
  });
});
