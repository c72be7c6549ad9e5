import { chmodSync, constants, copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { giveFolderOwnerSync } from '../fs/keep-owner';

/** "2026-08-01T05-04-29-123Z": an ISO time that is a valid file name everywhere. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

function sameBytes(a: string, b: string): boolean {
  try {
    return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

/**
 * Copies `path` to `<name>.<tag>-<timestamp><ext>` beside it (owner-only) and
 * returns the copy's path. An existing copy with the same tag and the same
 * bytes is reused, so a file that stays broken while the app retries leaves
 * one copy, not one per attempt. The original is only read.
 */
export function keepAside(path: string, tag: string, now: Date): string {
  const dir = dirname(path);
  const ext = extname(path);
  const prefix = `${basename(path, ext)}.${tag}-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith(ext)) continue;
    const candidate = join(dir, name);
    if (sameBytes(path, candidate)) return candidate;
  }
  let copy = join(dir, `${prefix}${fileTimestamp(now)}${ext}`);
  for (let n = 2; ; n++) {
    try {
      copyFileSync(path, copy, constants.COPYFILE_EXCL);
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      copy = join(dir, `${prefix}${fileTimestamp(now)}-${n}${ext}`);
    }
  }
  if (process.platform !== 'win32') chmodSync(copy, 0o600);
  giveFolderOwnerSync(copy);
  return copy;
}
