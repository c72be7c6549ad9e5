import {
  chownSync,
  lstatSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { giveFolderOwnerSync } from '../../../electron/core/fs/keep-owner';
import { tryLockFile } from '../../../electron/core/fs/lock-file';

const AS_ROOT = process.getuid?.() === 0;
const USER = { uid: 1000, gid: 1000 };
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder owned by USER, as a user's home is, in which root now works. */
function userFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-owner-'));
  made.push(dir);
  chownSync(dir, USER.uid, USER.gid);
  return dir;
}

describe.skipIf(!AS_ROOT)('as root, in a folder the user owns', () => {
  it('a lock file is the user’s, so one left by a killed `sudo -E` run does not lock them out', () => {
    const dir = userFolder();
    const attempt = tryLockFile(join(dir, 'credentials.switchyard.lock'), { kind: 'write' });
    expect(attempt.acquired).toBe(true);
    try {
      const info = statSync(join(dir, 'credentials.switchyard.lock'));
      expect([info.uid, info.gid]).toEqual([USER.uid, USER.gid]);
    } finally {
      if (attempt.acquired) attempt.lock.release();
    }
  });

  it('a new file swapped for a symlink before its owner changes: the link changes, never its target', () => {
    const dir = userFolder();
    const victim = join(mkdtempSync(join(tmpdir(), 'switchyard-victim-')), 'shadow');
    made.push(join(victim, '..'));
    writeFileSync(victim, 'root only', { mode: 0o600 });
    const path = join(dir, 'catalog.json');
    writeFileSync(path, '{}');
    // The folder's owner replaces the new file with a link to a file of root's.
    unlinkSync(path);
    symlinkSync(victim, path);
    giveFolderOwnerSync(path);
    expect(statSync(victim).uid).toBe(0);
    expect(lstatSync(path).uid).toBe(USER.uid);
  });
});
