import { lchownSync, mkdirSync, statSync } from 'node:fs';
import { fileOps, type OpenFile } from './file-ops';
import { dirname } from 'node:path';

/**
 * `sudo -E switchyard …` runs as root with the user's HOME. Whatever it creates
 * there must stay the user's, or the user is locked out of their own ~/.aws and
 * config folder. Rule: a process running as root gives each file or folder it
 * creates the owner and group of the folder it is created in (the nearest one
 * that already existed), and a file it replaces keeps the old file's owner.
 * Other users cannot give files away, and need not: theirs are theirs.
 *
 * By path, ownership is changed with lchown, never chown: between our create
 * and the change, the folder's owner could swap the new entry for a symlink to
 * /etc/shadow, and chown would follow it and hand that file over. lchown
 * changes the link itself. Open files are changed through their handle.
 */

export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/** True when created files would otherwise belong to root. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Whether handing a new file to `owner` changes anything for root. */
function needsChown(owner: Owner): boolean {
  return owner.uid !== 0 || owner.gid !== (process.getgid?.() ?? 0);
}

/**
 * mkdir -p with `mode`; as root, each folder it created gets the owner of the
 * folder it was created in.
 */
export async function makeFolderKeepingOwner(dir: string, mode = 0o700): Promise<void> {
  const first = await fileOps().mkdir(dir, { recursive: true, mode });
  if (first === undefined || !runningAsRoot()) return;
  const owner = await fileOps().stat(dirname(first));
  if (!needsChown(owner)) return;
  for (const created of createdChain(dir, first))
    await fileOps().lchown(created, owner.uid, owner.gid);
}

/** makeFolderKeepingOwner for synchronous callers (the conf-based catalog). */
export function makeFolderKeepingOwnerSync(dir: string, mode = 0o700): void {
  const first = mkdirSync(dir, { recursive: true, mode });
  if (first === undefined || !runningAsRoot()) return;
  const owner = statSync(dirname(first));
  if (!needsChown(owner)) return;
  for (const created of createdChain(dir, first)) lchownSync(created, owner.uid, owner.gid);
}

/** `first` and every folder below it down to `dir`, as mkdir -p created them. */
function createdChain(dir: string, first: string): string[] {
  const chain: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    chain.push(current);
    if (current === first || dirname(current) === current) break;
  }
  return chain.reverse();
}

/**
 * As root, gives an open new file (a temp file about to replace `replaced`, or
 * a new file in `dir`) the owner it should have: the replaced file's, else the
 * folder's.
 */
export async function giveOwnerOf(
  handle: OpenFile,
  replaced: Owner | undefined,
  dir: string,
): Promise<void> {
  if (!runningAsRoot()) return;
  const owner = replaced ?? (await fileOps().stat(dir));
  if (needsChown(owner)) await handle.chown(owner.uid, owner.gid);
}

/** As root, gives a file this process just created the owner of its folder. */
export function giveFolderOwnerSync(path: string): void {
  if (!runningAsRoot()) return;
  const owner = statSync(dirname(path));
  if (needsChown(owner)) lchownSync(path, owner.uid, owner.gid);
}
