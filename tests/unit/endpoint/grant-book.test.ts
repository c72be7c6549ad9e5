import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GrantBook } from '../../../electron/core/endpoint/grant-book';
import { grantsDir, writeGrantFile } from '../../../electron/core/endpoint/grant-files';
import { tokenSha256 } from '../../../electron/core/endpoint/grant-token';
import type { GrantRecord } from '../../../electron/core/refresh/state-model';
import { emptyState, serializeState } from '../../../electron/core/refresh/state-model';
import { useTempDir } from '../refresh/temp-dir';

const tempDir = useTempDir();

function grant(token: string, roleId = 'dev'): GrantRecord {
  return {
    id: `id-${token}`,
    roleId,
    kind: 'endpoint',
    tokenSha256: tokenSha256(token),
    createdAt: 1,
  };
}

/** As the CLI writes state.json: a temp file renamed over it. */
function writeGrants(dir: string, grants: GrantRecord[]): void {
  const path = join(dir, 'state.json');
  writeFileSync(`${path}.tmp`, serializeState({ ...emptyState(), grants }));
  renameSync(`${path}.tmp`, path);
}

describe('GrantBook', () => {
  it('answers a known token without a promise while state.json is unchanged', async () => {
    const dir = tempDir();
    writeGrants(dir, [grant('first-token')]);
    const book = new GrantBook(join(dir, 'state.json'));
    // The first look reads the file.
    expect((await book.authorize('first-token', 'dev'))?.id).toBe('id-first-token');
    // Then a request is checked with one stat and no promise.
    const again = book.authorize('first-token', 'dev');
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as GrantRecord | undefined)?.id).toBe('id-first-token');
  });

  it('refuses a revoked grant on the very next ask and honours a new one at once', async () => {
    const dir = tempDir();
    writeGrants(dir, [grant('first-token'), grant('other-token', 'ops')]);
    const book = new GrantBook(join(dir, 'state.json'));
    expect((await book.authorize('first-token', 'dev'))?.id).toBe('id-first-token');
    expect(book.authorize('first-token', 'dev')).toBeDefined();

    writeGrants(dir, [grant('other-token', 'ops'), grant('new-token')]);
    // No watcher, no wait: the stat differs, so the file is read again before answering.
    expect(await book.authorize('first-token', 'dev')).toBeUndefined();
    expect((await book.authorize('new-token', 'dev'))?.id).toBe('id-new-token');
    expect(await book.authorize('new-token', 'ops')).toBeUndefined();
    expect(book.authorize('new-token', 'dev')).not.toBeInstanceOf(Promise);
  });

  it('grants nothing once state.json is gone', async () => {
    const dir = tempDir();
    writeGrants(dir, [grant('first-token')]);
    const book = new GrantBook(join(dir, 'state.json'));
    expect(await book.authorize('first-token', 'dev')).toBeDefined();
    writeFileSync(join(dir, 'state.json'), 'not json');
    expect(await book.authorize('first-token', 'dev')).toBeUndefined();
  });
});

describe('GrantBook: exec grant files', () => {
  function execGrant(token: string): GrantRecord {
    return { ...grant(token), kind: 'exec', pid: process.pid };
  }

  it('reads a grant file once, then answers from a stat, and refuses it once unlinked', async () => {
    const dir = tempDir();
    writeGrants(dir, []);
    const files = grantsDir(dir);
    mkdirSync(files);
    const path = join(files, `${tokenSha256('exec-token')}.json`);
    writeGrantFile(files, execGrant('exec-token'));
    const book = new GrantBook(join(dir, 'state.json'));
    expect((await book.authorize('exec-token', 'dev'))?.id).toBe('id-exec-token');
    // Kept: no read (no promise) while the file's stat is unchanged.
    const again = book.authorize('exec-token', 'dev');
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as GrantRecord | undefined)?.id).toBe('id-exec-token');
    expect(book.authorize('exec-token', 'ops')).toBeUndefined();
    // Revoked (the exec ended): refused on the very next ask.
    unlinkSync(path);
    expect(book.authorize('exec-token', 'dev')).toBeUndefined();
    // A token with no file costs a stat and no promise.
    expect(book.authorize('no-such-token', 'dev')).toBeUndefined();
  });

  it('reads a grant file again when it is replaced, and keeps nothing that is not a grant', async () => {
    const dir = tempDir();
    writeGrants(dir, []);
    const files = grantsDir(dir);
    mkdirSync(files);
    const path = join(files, `${tokenSha256('exec-token')}.json`);
    writeFileSync(path, '{"half": ');
    const book = new GrantBook(join(dir, 'state.json'));
    expect(await book.authorize('exec-token', 'dev')).toBeUndefined();
    rmSync(path);
    writeGrantFile(files, { ...execGrant('exec-token'), roleId: 'ops' });
    expect((await book.authorize('exec-token', 'ops'))?.roleId).toBe('ops');
    rmSync(path);
    writeGrantFile(files, { ...execGrant('exec-token'), id: 'second' });
    expect((await book.authorize('exec-token', 'dev'))?.id).toBe('second');
    expect(book.authorize('exec-token', 'ops')).toBeUndefined();
  });
});
