import { basename, dirname, join } from 'node:path';
import { fileOps } from './file-ops';

/** A temp file this young may belong to a writer that is still starting up elsewhere. */
const MIN_AGE_MS = 10_000;

/**
 * Removes temp files that writers killed before their rename left beside
 * `target` (`.<base>.switchyard-<pid>-<hex>.tmp`). They hold whole credentials
 * files, keys included, so they must not linger. Only files of dead processes
 * on this host, older than a few seconds, are removed; failures are ignored.
 */
export async function sweepStaleTempFiles(
  target: string,
  isAlive: (pid: number) => boolean,
  now: number = Date.now(),
): Promise<number> {
  const prefix = `.${basename(target)}.switchyard-`;
  let names: string[];
  try {
    names = await fileOps().readdir(dirname(target));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    const path = join(dirname(target), name);
    try {
      if (now - (await fileOps().stat(path)).mtimeMs < MIN_AGE_MS) continue;
      await fileOps().unlink(path);
      removed += 1;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
