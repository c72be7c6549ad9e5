import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { CATALOG_VERSION } from '../../../electron/core/catalog/catalog-schema';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

const tempDir = useTempConfigDir();
const NOW = new Date('2026-08-01T05:04:29.123Z');

function validRole(extra: Record<string, unknown> = {}) {
  return {
    id: 'abcd2345',
    label: 'Prod',
    roleArn: arn('Admin'),
    profile: 'prod',
    source: { kind: 'default' },
    tags: [],
    ...extra,
  };
}

function doc(extra: Record<string, unknown> = {}) {
  return JSON.stringify({ version: CATALOG_VERSION, roles: [validRole()], ...extra }, undefined, 2);
}

/** Writes `bytes` as catalog.json in a fresh SWITCHYARD_CONFIG_DIR. */
function writeCatalog(bytes: string | Buffer): { dir: string; path: string } {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'catalog.json');
  writeFileSync(path, bytes, { mode: 0o600 });
  return { dir, path };
}

function openError(): CatalogFileError {
  try {
    CatalogStore.open({ now: () => NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogFileError);
    return error as CatalogFileError;
  }
  throw new Error('expected CatalogStore.open to fail');
}

function expectOneLine(message: string): void {
  // eslint-disable-next-line no-control-regex
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
}

const brokenFiles: [string, string | Buffer, CatalogFileError['problem'], string[]][] = [
  [
    'bad JSON',
    '{\n  "version": 1,\n  "roles": [\n    {"id": "a"}\n    {"id": "b"}\n  ]\n}\n',
    'syntax',
    ['is not valid JSON', 'line 5, column 5', 'missing comma'],
  ],
  [
    'a trailing comma',
    '{"version": 1, "roles": [],}',
    'syntax',
    ['trailing comma', 'line 1, column 28'],
  ],
  [
    'a comment',
    '{\n  // my roles\n  "version": 1\n}',
    'syntax',
    ['JSON has no comments', 'line 2, column 3'],
  ],
  ['a truncated file', doc().slice(0, 40), 'syntax', ['is not valid JSON']],
  ['an empty file', '', 'syntax', ['the file is empty']],
  [
    'invalid UTF-8',
    Buffer.concat([
      Buffer.from('{"version": 1, "roles": [{"label": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}]}'),
    ]),
    'encoding',
    ['not valid UTF-8', 'byte 0xe9 at line 1, column 40'],
  ],
  [
    'UTF-16 text',
    Buffer.from('\ufeff{"version": 1}', 'utf16le'),
    'encoding',
    ['not valid UTF-8', 'byte 0xff'],
  ],
  ['a list at the top', '[]', 'content', ['is not a JSON object']],
  [
    'a bad version',
    '{"version": "one", "roles": []}',
    'content',
    ['"version" that is not a whole number'],
  ],
  [
    'roles that are not a list',
    '{"version": 1, "roles": {}}',
    'content',
    ['roles: must be a list'],
  ],
  ['an unknown top-level key', doc({ rolez: [] }), 'content', ['unknown top-level key "rolez"']],
  [
    'a bad role ARN',
    doc({ roles: [validRole({ roleArn: 'arn:aws:iam::12:role/X' })] }),
    'content',
    ['roles[0] ("Prod")', 'role ARN', 'not 12 digits'],
  ],
  [
    'a misspelt role field',
    doc({ roles: [validRole({ lable: 'x' })] }),
    'content',
    ['roles[0]', 'unknown field "lable"'],
  ],
  [
    'two roles on one profile',
    doc({ roles: [validRole(), validRole({ id: 'efgh2345', label: 'B' })] }),
    'content',
    ['roles[1] ("B")', 'already written by "Prod"'],
  ],
  [
    'a chaining loop',
    doc({
      roles: [
        validRole({ source: { kind: 'role', roleId: 'efgh2345' } }),
        validRole({
          id: 'efgh2345',
          label: 'B',
          profile: 'b',
          source: { kind: 'role', roleId: 'abcd2345' },
        }),
      ],
    }),
    'content',
    ['loop'],
  ],
  [
    'a default that is not a role',
    doc({ defaultRoleId: 'zzzz2345' }),
    'content',
    ['defaultRoleId', 'no role has the id "zzzz2345"'],
  ],
  [
    'a bad setting',
    doc({ settings: { refreshMarginSeconds: 5 } }),
    'content',
    ['settings.refreshMarginSeconds', 'out of range'],
  ],
];

describe('a broken catalog.json', () => {
  it.each(brokenFiles)(
    'with %s: clear one-line error, file untouched, copy kept aside',
    (_name, bytes, problem, fragments) => {
      const { dir, path } = writeCatalog(bytes);
      const original = readFileSync(path);
      const error = openError();
      expect(error.problem).toBe(problem);
      expect(error.path).toBe(path);
      expect(error.message).toContain(`Switchyard's catalog ${path}`);
      for (const fragment of fragments) expect(error.message).toContain(fragment);
      expect(error.message).toContain(
        'Fix it in a text editor, or move it away to start with an empty catalog',
      );
      expectOneLine(error.message);

      const copy = join(dir, 'catalog.broken-2026-08-01T05-04-29-123Z.json');
      expect(error.copyPath).toBe(copy);
      expect(error.message).toContain(`A copy was saved as ${copy}.`);
      expect(readFileSync(copy).equals(original)).toBe(true);
      if (process.platform !== 'win32') expect(statSync(copy).mode & 0o777).toBe(0o600);
      expect(readFileSync(path).equals(original)).toBe(true);
    },
  );

  it('keeps one copy however often it is opened', () => {
    const { dir } = writeCatalog('{oops');
    openError();
    openError();
    expect(() => CatalogStore.open({ now: () => new Date(NOW.getTime() + 5000) })).toThrow(
      CatalogFileError,
    );
    expect(readdirSync(dir).filter((name) => name.startsWith('catalog.broken-'))).toHaveLength(1);
  });

  it('opens normally once the user fixes the file', () => {
    const { path } = writeCatalog('{"version": 1, "roles": [}');
    openError();
    writeFileSync(path, doc());
    expect(CatalogStore.open().get('prod').id).toBe('abcd2345');
  });

  it('refuses, without a copy, a file from a newer Switchyard', () => {
    const newer = CATALOG_VERSION + 1;
    const text = `{"version": ${newer}, "roles": [], "future": true}`;
    const { dir, path } = writeCatalog(text);
    const error = openError();
    expect(error.problem).toBe('newer-version');
    expect(error.message).toContain(
      `written by a newer Switchyard (catalog version ${newer}; this one reads up to ${CATALOG_VERSION})`,
    );
    expect(error.message).not.toContain('\n');
    expect(error.copyPath).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('reports a file broken while open, and writes nothing over it', () => {
    const dir = tempDir();
    const store = CatalogStore.open({ now: () => NOW });
    store.add(roleInput('Admin'));
    const broken = '{"version": 1, "roles": [ oops ]}';
    writeFileSync(store.path, broken);
    expect(() => store.list()).toThrow(
      /is not valid JSON: expected a value but found "o" at line 1, column 27/,
    );
    expect(() => store.add(roleInput('Dev'))).toThrow(CatalogFileError);
    expect(() => store.updateSettings({ launchAtLogin: true })).toThrow(CatalogFileError);
    expect(readFileSync(store.path, 'utf8')).toBe(broken);
    expect(readdirSync(dir).sort()).toEqual([
      'catalog.broken-2026-08-01T05-04-29-123Z.json',
      'catalog.json',
    ]);
  });
});

describe('a readable catalog.json the user edited', () => {
  it('accepts a byte-order mark and real U+FFFD characters', () => {
    const { path } = writeCatalog(
      `\ufeff${doc({ roles: [validRole({ label: 'odd \ufffd name' })] })}`,
    );
    expect(CatalogStore.open().get('abcd2345').label).toBe('odd \ufffd name');
    expect(readFileSync(path, 'utf8').startsWith('\ufeff')).toBe(true);
  });

  it('fills in missing settings and normalizes without rewriting until the next change', () => {
    const { path } = writeCatalog(
      doc({
        roles: [validRole({ color: 'RED', label: ' Prod ' })],
        settings: { launchAtLogin: true },
      }),
    );
    const before = readFileSync(path, 'utf8');
    const store = CatalogStore.open();
    expect(store.get('abcd2345')).toMatchObject({ color: 'f2b0a9', label: 'Prod' });
    expect(store.settings().launchAtLogin).toBe(true);
    expect(store.settings().refreshMarginSeconds).toBe(600);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
