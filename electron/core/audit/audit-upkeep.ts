import { readdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../fs/atomic-write';
import { errorCode, fsErrorMessage } from '../fs/fs-error-message';
import { readRegularFile } from '../fs/regular-file';
import { monthFiles, monthIndex } from './audit-files';

/**
 * node:zlib only when a month is compressed (once a month at most): every
 * command records an event, and loading zlib on each cold start cost about
 * 1.5 ms of every `exec` and `assume`.
 */
async function gzipAsync(data: Buffer): Promise<Buffer> {
  const { gzip } = await import('node:zlib');
  return promisify(gzip)(data);
}

/** A month's file is gzipped once its month has been over this long: a line late by less still lands in it. */
const SETTLE_MS = 86_400_000;

/**
 * Keeps the trail small: a month that has been over for a day is gzipped
 * (its JSON lines shrink twentyfold or more; no writer appends to it any more,
 * since lines go to the month of their time), and months past the retention
 * are removed. Returns the problems met, one line each; never throws.
 */
export async function keepTrailSmall(
  folder: string,
  now: number,
  keepMonths: number,
): Promise<string[]> {
  const current = monthIndex(now);
  const settled = monthIndex(now - SETTLE_MS);
  const problems: string[] = [];
  let names: string[];
  try {
    // Synchronous: a folder of a dozen files lists in microseconds, while the
    // first asynchronous call of a process starts Node's thread pool (about
    // 1.5 ms), which a one-shot command that reads its files synchronously
    // (exec through the endpoint) otherwise never needs.
    names = readdirSync(folder);
  } catch {
    return problems;
  }
  const keep = Math.max(1, Math.floor(keepMonths));
  for (const file of monthFiles(names)) {
    const path = join(folder, file.name);
    try {
      if (file.month <= current - keep) {
        await fsp.unlink(path);
      } else if (!file.compressed && file.month < settled) {
        const text = await readRegularFile(path);
        // An earlier run that died after writing the .gz left both: the plain file is whole.
        await writeFileAtomic(`${path}.gz`, await gzipAsync(text), { mode: 0o600 });
        await fsp.unlink(path);
      }
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') problems.push(fsErrorMessage(error, path, 'write'));
    }
  }
  return problems;
}
