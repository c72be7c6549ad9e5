import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GrantBook } from '../../../electron/core/endpoint/grant-book';
import {
  grantsDir,
  readGrantFile,
  sweepGrantFiles,
  UNREADABLE_GRANT_FILE_MS,
  writeGrantFile,
} from '../../../electron/core/endpoint/grant-files';
import { newGrantToken, tokenSha256 } from '../../../electron/core/endpoint/grant-token';
import { makeFolderKeepingOwner } from '../../../electron/core/fs/keep-owner';
import type { GrantRecord } from '../../../electron/core/refresh/state-model';
import { useTempDir } from '../refresh/temp-dir';

const tempDir = useTempDir();

function execGrant(roleId: string, token: string, pid = process.pid): GrantRecord {
  return {
    id: `id-${roleId}`,
    roleId,
    kind: 'exec',
    tokenSha256: tokenSha256(token),
    pid,
    createdAt: 1,
  };
}

async function folder(): Promise<{ config: string; grants: string }> {
  const config = tempDir();
  const grants = grantsDir(config);
  await makeFolderKeepingOwner(grants, 0o700);
  return { config, grants };
}

describe('exec grant files', () => {
  it('one owner-only file per grant, named by the token SHA-256, holding no token', async () => {
    const { grants } = await folder();
    const token = newGrantToken();
    const path = writeGrantFile(grants, execGrant('dev', token));
    expect(path).toBe(join(grants, `${tokenSha256(token)}.json`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readGrantFile(grants, tokenSha256(token))).toMatchObject({
      roleId: 'dev',
      kind: 'exec',
      pid: process.pid,
    });
    // O_EXCL: a second grant for the same digest never replaces the first.
    expect(() => writeGrantFile(grants, execGrant('ops', token))).toThrow(/EEXIST/);
    expect((await readGrantFile(grants, tokenSha256(token)))?.roleId).toBe('dev');
  });

  it('grants nothing for a file that is torn, of another kind, or not the grant its name says', async () => {
    const { grants } = await folder();
    const torn = tokenSha256('torn');
    writeFileSync(join(grants, `${torn}.json`), '{"id":"x","roleId":"de');
    expect(await readGrantFile(grants, torn)).toBeUndefined();
    const renamed = tokenSha256('renamed');
    writeFileSync(join(grants, `${renamed}.json`), JSON.stringify(execGrant('dev', 'other')));
    expect(await readGrantFile(grants, renamed)).toBeUndefined();
    const endpoint = tokenSha256('endpoint');
    writeFileSync(
      join(grants, `${endpoint}.json`),
      JSON.stringify({ ...execGrant('dev', 'endpoint'), kind: 'endpoint' }),
    );
    expect(await readGrantFile(grants, endpoint)).toBeUndefined();
    expect(await readGrantFile(grants, tokenSha256('missing'))).toBeUndefined();
  });

  it('the sweep drops refused grants and files unreadable for a minute, and keeps the rest', async () => {
    const { grants } = await folder();
    writeGrantFile(grants, execGrant('kept', 'kept'));
    writeGrantFile(grants, execGrant('gone', 'gone'));
    const fresh = join(grants, `${tokenSha256('fresh')}.json`);
    const stale = join(grants, `${tokenSha256('stale')}.json`);
    writeFileSync(fresh, '');
    writeFileSync(stale, '');
    const old = (Date.now() - UNREADABLE_GRANT_FILE_MS - 1000) / 1000;
    utimesSync(stale, old, old);
    writeFileSync(join(grants, 'notes.txt'), 'not ours to remove');

    expect(await sweepGrantFiles(grants, (g) => g.roleId !== 'gone')).toBe(2);
    expect(readdirSync(grants).sort()).toEqual(
      [`${tokenSha256('kept')}.json`, `${tokenSha256('fresh')}.json`, 'notes.txt'].sort(),
    );
    expect(existsSync(stale)).toBe(false);
    expect(await sweepGrantFiles(join(grants, 'missing'), () => true)).toBe(0);
  });
});

describe('GrantBook with grant files', () => {
  it('finds an exec grant by its file the moment it is written, for its role only, and not after it is gone', async () => {
    const { config, grants } = await folder();
    const book = new GrantBook(join(config, 'state.json'));
    const token = newGrantToken();
    expect(await book.authorize(token, 'dev')).toBeUndefined();
    const path = writeGrantFile(grants, execGrant('dev', token));
    expect((await book.authorize(token, 'dev'))?.roleId).toBe('dev');
    expect(await book.authorize(token, 'ops')).toBeUndefined();
    expect(await book.authorize(newGrantToken(), 'dev')).toBeUndefined();
    writeFileSync(path, ''); // a revocation is an unlink; an emptied file grants nothing either
    expect(await book.authorize(token, 'dev')).toBeUndefined();
  });
});
