import { describe, expect, it } from 'vitest';
import {
  indexSections,
  parseIni,
  parseIniBytes,
} from '../../../electron/core/credentials/ini-document';
import { PROFILE_POOL, randomIniFile, seededRandom } from './helpers/random-ini';

/**
 * The byte scanner must classify every line as the text rules do. The oracle
 * below is those rules written plainly over the decoded text (indentation in
 * characters, whitespace as String.prototype.trim sees it).
 */

const isSpace = (char: string) => char.trim() === '';

function oracle(text: string): { kinds: string[]; texts: string[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const pieces = body.split('\n');
  if (pieces.at(-1) === '') pieces.pop();
  const kinds: string[] = [];
  const texts: string[] = [];
  let entryIndent = -1;
  pieces.forEach((piece, i) => {
    const hasNewline = i < pieces.length - 1 || body.endsWith('\n');
    const line = hasNewline && piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    texts.push(line);
    const chars = [...line];
    let indent = 0;
    while (indent < chars.length && isSpace(chars[indent] as string)) indent++;
    const rest = chars.slice(indent).join('');
    let kind: string;
    if (rest === '') kind = 'blank';
    else if (rest.startsWith('#') || rest.startsWith(';')) kind = 'comment';
    else if (entryIndent !== -1 && indent > entryIndent) kind = 'continuation';
    else if (rest.startsWith('[') && rest.includes(']')) kind = 'section';
    else if (/^[^=:]+[=:]/.test(rest)) kind = 'entry';
    else kind = 'other';
    if (kind === 'section' || kind === 'other') entryIndent = -1;
    if (kind === 'entry') entryIndent = indent;
    kinds.push(kind);
  });
  return { kinds, texts };
}

const SPICE = ['é', '日本', '😀', '\u00a0', '\u3000', '\u2003', '\uFEFF', '\u0085'];

function spicyFile(random: () => number): string {
  const text = randomIniFile(random);
  // Non-ASCII spaces as indentation too, where byte and character counts differ.
  return text.replace(/(^|\n)( +|v|note)/g, (match, start: string, what: string) => {
    if (random() < 0.5) return match;
    const spice = SPICE[Math.floor(random() * SPICE.length)] as string;
    return what.startsWith(' ') ? `${start}${spice}${what}` : `${start}${what}${spice}`;
  });
}

describe('the byte scanner behind parseIniBytes', () => {
  it('classifies every line as the text rules do, non-ASCII spaces and text included', () => {
    const random = seededRandom(20261206);
    for (let n = 0; n < 800; n++) {
      const text = spicyFile(random);
      const doc = parseIniBytes(Buffer.from(text, 'utf8'));
      const expected = oracle(text);
      const label = `case ${n}: ${JSON.stringify(text)}`;
      expect(
        doc.lines.map((l) => l.kind),
        label,
      ).toEqual(expected.kinds);
      expect(
        doc.lines.map((l) => l.text),
        label,
      ).toEqual(expected.texts);
      expect(doc.toString(), label).toBe(text);
      expect(
        parseIni(text).sections.map((s) => s.name),
        label,
      ).toEqual(doc.sections.map((s) => s.name));
    }
  });

  it('counts indentation in characters: two-byte spaces do not make a continuation', () => {
    const text = '[a]\n\u00a0key = 1\n  more = 2\n';
    // One NBSP (2 bytes) before the key, two spaces after: deeper by characters.
    expect(parseIni(text).lines.map((l) => l.kind)).toEqual(['section', 'entry', 'continuation']);
    const same = '[a]\n\u00a0\u00a0key = 1\n  more = 2\n';
    expect(parseIni(same).lines.map((l) => l.kind)).toEqual(['section', 'entry', 'entry']);
  });

  it('finds sections by name as the full index does, before and after it is built', () => {
    const random = seededRandom(20261207);
    const names = [...PROFILE_POOL, 'prod ', 'ro', 'missing', 'dé', ''];
    for (let n = 0; n < 300; n++) {
      const text = spicyFile(random).replace(/\[ ?dev/g, '[dé');
      const index = indexSections(parseIni(text));
      const doc = parseIniBytes(Buffer.from(text, 'utf8'));
      // Twice over the names: the first eight are found by scanning, the rest by the index.
      for (const name of [...names, ...names]) {
        const expected = (index.get(name) ?? []).map((s) => s.headerLine);
        expect(
          doc.sectionsNamed(name).map((s) => s.headerLine),
          `case ${n} ${name}: ${JSON.stringify(text)}`,
        ).toEqual(expected);
      }
    }
  });
});
