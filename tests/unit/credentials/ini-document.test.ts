import { describe, expect, it } from 'vitest';
import {
  dominantLineEnding,
  entryLayout,
  indexSections,
  parseIni,
  sameKey,
  serializeIni,
  type IniDocument,
} from '../../../electron/core/credentials/ini-document';
import { generateProfiles } from './helpers/generate-profiles';
import { readFixture, textFixtures } from './helpers/temp-dirs';

async function fixtureText(name: string): Promise<string> {
  return (await readFixture(name)).toString('utf8');
}

function entries(doc: IniDocument, section: string) {
  const found = doc.sections.find((s) => s.name === section);
  if (!found) throw new Error(`no section ${section}`);
  return found.entries.map((e) => [e.key, e.value, e.line, e.endLine]);
}

describe('parseIni / serializeIni round trip', () => {
  it('has a corpus of at least 15 awkward files', async () => {
    expect((await textFixtures()).length).toBeGreaterThanOrEqual(15);
  });

  it('gives back every corpus file byte for byte', async () => {
    for (const [name, text] of await textFixtures()) {
      expect(serializeIni(parseIni(text)), name).toBe(text);
    }
  });

  it('gives back edge strings byte for byte', () => {
    const samples = [
      '',
      '\n',
      '\r\n',
      '\uFEFF',
      '\uFEFF\r\n',
      'x',
      '[a]',
      '[a]\r',
      '\r\r\n\n',
      '[a]\nk=v\r\n\r\n\n  \t\n',
      '  \t  ',
    ];
    for (const text of samples) expect(serializeIni(parseIni(text))).toBe(text);
  });

  it('gives back a generated 5,000-profile file', () => {
    const text = generateProfiles(5000, { crlfEvery: 7 });
    expect(text.length).toBeGreaterThan(900_000);
    const doc = parseIni(text);
    expect(doc.sections).toHaveLength(5000);
    expect(serializeIni(doc)).toBe(text);
  });
});

describe('parseIni lines', () => {
  it('keeps CRLF, LF and a missing final newline per line', async () => {
    const doc = parseIni(await fixtureText('mixed-line-endings.ini'));
    expect(doc.lines.map((l) => l.eol)).toEqual(['\r\n', '\n', '\r\n', '\r\n', '\n', '\r\n', '\n']);
    expect(doc.lines[6]?.text).toBe('value = has a lone \r carriage return');
    expect(parseIni('[a]\nk = v').lines.at(-1)).toEqual({ text: 'k = v', eol: '', kind: 'entry' });
  });

  it('keeps the BOM out of the first line and remembers it', async () => {
    const doc = parseIni(await fixtureText('bom.ini'));
    expect(doc.bom).toBe(true);
    expect(doc.lines[0]).toEqual({
      text: '# saved by Notepad with a BOM',
      eol: '\n',
      kind: 'comment',
    });
    expect(doc.sections[0]?.name).toBe('default');
  });

  it('classifies comments, headers with comments and inline text', async () => {
    const doc = parseIni(await fixtureText('comments.ini'));
    expect(doc.lines.slice(0, 5).map((l) => l.kind)).toEqual([
      'comment',
      'comment',
      'comment',
      'blank',
      'section',
    ]);
    expect(doc.sections.map((s) => s.name)).toEqual(['default', 'work']);
    // botocore keeps an inline "; ..." in the value; we keep the text as written.
    expect(entries(doc, 'default')).toEqual([
      ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE ; botocore keeps this in the value', 5, 6],
      ['aws_secret_access_key', 'secret # JS strips this', 7, 8],
    ]);
    expect(doc.sections[0]?.bodyEnd).toBe(10);
  });

  it('splits on the first = or : (botocore) and keeps the rest of the value', async () => {
    const doc = parseIni(await fixtureText('colon-delimiter.ini'));
    expect(entries(doc, 'default').map(([k, v]) => [k, v])).toEqual([
      ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'],
      ['aws_secret_access_key', 'secret'],
      ['endpoint_url', 'http://localhost:4566'],
      ['weird', 'a=b'],
    ]);
  });

  it('treats deeper-indented lines as continuation lines of the key above', async () => {
    const doc = parseIni(await fixtureText('continuation.ini'));
    expect(entries(doc, 'default')).toEqual([
      ['region', 'us-east-1', 1, 2],
      ['s3', '', 2, 6],
      ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE', 6, 7],
      ['multi', 'first', 7, 11],
      ['aws_secret_access_key', 'secret', 11, 12],
    ]);
    expect(doc.lines[3]?.kind).toBe('continuation');
    expect(doc.lines[4]?.kind).toBe('comment');
    expect(doc.lines[9]?.kind).toBe('blank');
    expect(doc.lines[10]?.kind).toBe('continuation');
  });

  it('trims spaces inside brackets and never reads an indented line under a key as a header', async () => {
    const doc = parseIni(await fixtureText('spaced-headers.ini'));
    expect(doc.sections.map((s) => s.name)).toEqual(['spaced', 'default', 'profile with spaces']);
    expect(doc.lines[4]).toEqual({ text: '  [indented]', eol: '\n', kind: 'continuation' });
    expect(entries(doc, 'default').map(([k]) => k)).toEqual(['aws_access_key_id', 'key']);
    expect(parseIni('[other]   \n').sections[0]?.name).toBe('other');
  });

  it('keeps keys before any section and garbage lines without giving them to a section', async () => {
    const doc = parseIni(await fixtureText('preamble-and-garbage.ini'));
    expect(doc.lines.slice(0, 2).map((l) => l.kind)).toEqual(['entry', 'other']);
    expect(doc.lines[4]?.kind).toBe('other');
    expect(doc.lines[5]?.kind).toBe('other');
    expect(entries(doc, 'default').map(([k]) => k)).toEqual([
      'aws_access_key_id',
      'aws_secret_access_key',
    ]);
  });

  it('indexes duplicate sections together', async () => {
    const doc = parseIni(await fixtureText('duplicate-sections.ini'));
    const index = indexSections(doc);
    expect(index.get('shared')?.map((s) => s.headerLine)).toEqual([0, 7]);
    expect(index.get('default')).toHaveLength(1);
  });

  it('finds the dominant line ending', async () => {
    expect(dominantLineEnding(parseIni(await fixtureText('crlf.ini')))).toBe('\r\n');
    expect(dominantLineEnding(parseIni(await fixtureText('comments.ini')))).toBe('\n');
    expect(dominantLineEnding(parseIni(''))).toBe('\n');
    expect(dominantLineEnding(parseIni('a\r\nb\r\nc\n'))).toBe('\r\n');
    expect(dominantLineEnding(parseIni('a\r\nb\n'))).toBe('\n');
  });
});

describe('entryLayout and sameKey', () => {
  it('locates key, delimiter and value', () => {
    expect(entryLayout('  key\t=  value  ')).toEqual({
      key: 'key',
      delimiterIndex: 6,
      valueStart: 9,
      valueEnd: 14,
    });
    expect(entryLayout('key =')).toEqual({
      key: 'key',
      delimiterIndex: 4,
      valueStart: 5,
      valueEnd: 5,
    });
    expect(entryLayout('= v')).toBeUndefined();
    expect(entryLayout('no delimiter')).toBeUndefined();
  });

  it('compares keys case-insensitively like botocore', () => {
    expect(sameKey('AWS_Access_Key_ID', 'aws_access_key_id')).toBe(true);
    expect(sameKey('aws_access_key', 'aws_access_key_id')).toBe(false);
  });
});
