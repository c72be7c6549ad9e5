import { describe, expect, it } from 'vitest';
import { parseIniBytes } from '../../../electron/core/credentials/ini-document';
import {
  applyProfileEdits,
  applyProfileEditsToBytes,
  type ProfileEdit,
} from '../../../electron/core/credentials/ini-edit';
import { generateProfiles } from './helpers/generate-profiles';
import { randomEdit, randomIniFile, seededRandom } from './helpers/random-ini';

/**
 * The byte-slice rendering the credentials writer uses must be exactly the
 * UTF-8 of the string rendering, for ASCII files and for files with 2-, 3- and
 * 4-byte characters (where text offsets and byte offsets part ways).
 */

const SEED = 20261206;
const CASES = 600;
const WIDE = ['é', '日本', '😀', 'ß', '\u00a0'];

/** A random file with non-ASCII characters put into some of its lines. */
function randomWideFile(random: () => number): string {
  const text = randomIniFile(random);
  if (random() < 0.3) return text;
  return text.replace(/(v|note|ret)/g, (match) =>
    random() < 0.5 ? `${match}${WIDE[Math.floor(random() * WIDE.length)]}` : match,
  );
}

const bytesOf = (text: string, edits: readonly ProfileEdit[]) => {
  return Buffer.concat(applyProfileEditsToBytes(parseIniBytes(Buffer.from(text, 'utf8')), edits));
};

describe('applyProfileEditsToBytes', () => {
  it(`gives the UTF-8 of applyProfileEdits (${CASES} random files and batches)`, () => {
    const random = seededRandom(SEED);
    let compared = 0;
    for (let n = 0; n < CASES; n++) {
      const input = randomWideFile(random);
      // Sometimes one profile twice in a batch: that path edits in turn.
      const edits = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomEdit(random));
      let expected: string;
      try {
        expected = applyProfileEdits(input, edits);
      } catch {
        expect(() => bytesOf(input, edits)).toThrow();
        continue;
      }
      const label = `case ${n}: ${JSON.stringify(input)} ${JSON.stringify(edits)}`;
      expect(bytesOf(input, edits).toString('hex'), label).toBe(
        Buffer.from(expected, 'utf8').toString('hex'),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(CASES / 2);
  });

  it('copies no byte of a big file that the edit leaves alone', () => {
    const text = `\uFEFF# 日本 ✓\n${generateProfiles(2000)}`;
    const source = Buffer.from(text, 'utf8');
    const edit: ProfileEdit = {
      kind: 'put',
      profile: 'profile-01000',
      values: [['aws_session_token', 'NEW']],
    };
    const parts = applyProfileEditsToBytes(parseIniBytes(source), [edit]);
    expect(Buffer.concat(parts).toString('utf8')).toBe(applyProfileEdits(text, [edit]));
    // Every byte is either a view into the source file or part of the new line.
    const copied = parts
      .filter((part) => part.buffer !== source.buffer)
      .reduce((sum, part) => sum + part.length, 0);
    expect(copied).toBeLessThan(100);
  });
});
