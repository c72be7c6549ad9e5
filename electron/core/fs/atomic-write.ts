import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileOps, type OpenFile } from './file-ops';
import { errorCode, FileRuleError, fsErrorMessage } from './fs-error-message';
import { giveOwnerOf, makeFolderKeepingOwner } from './keep-owner';
import { assertRegularStats } from './regular-file';
import { resolveRealPath } from './resolve-real-path';

export interface AtomicWriteOptions {
  /** File mode of the result; default owner-only 0600 (credentials). */
  readonly mode?: number;
  /**
   * Runs after the new content is on disk in the temp file, right before the
   * rename. Returning false abandons the write (the temp file is removed and
   * the target is untouched): the caller saw the target change under it.
   */
  readonly beforeRename?: () => Promise<boolean | void>;
  /**
   * false: no fsync of the file or its folder. Readers still see the old or
   * the new content, never a torn one (the rename), and see it at once (the
   * page cache); only a power loss or kernel crash may leave the old file, or
   * on some file systems an empty one. For records that are worthless after
   * such a crash and rebuilt without it (an `exec` grant; see grant-client.ts).
   * Default true.
   */
  readonly durable?: boolean;
}

/** A write that failed and changed nothing; the message names the path and the cause. */
export class AtomicWriteError extends Error {
  override readonly name = 'AtomicWriteError';

  constructor(
    message: string,
    readonly path: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The user took the write bit away from the file (chmod 0444): Switchyard does
 * not put it back behind their back, as `aws configure set` does not either.
 */
export class ReadOnlyFileError extends FileRuleError {
  override readonly name = 'ReadOnlyFileError';

  constructor(path: string, target: string, mode: number) {
    const named = target === path ? path : `${path} (-> ${target})`;
    const octal = (mode & 0o7777).toString(8).padStart(4, '0');
    super(
      `${named} is read-only (mode ${octal}); make it writable (chmod u+w ${target}) to let Switchyard update it`,
      path,
      'EROFILE',
    );
  }
}

/**
 * The checks writeFileAtomic makes before writing, for callers that would
 * otherwise spend something first (an STS call): a target that is not a
 * regular file, or one without its owner's write bit, is refused the same way.
 */
export async function assertWritableTarget(path: string): Promise<void> {
  const target = await resolveRealPath(path);
  const existing = await statIfExists(target);
  if (existing && (existing.mode & 0o200) === 0) {
    throw new ReadOnlyFileError(path, target, existing.mode);
  }
}

/**
 * Replaces a file so that readers see either the old or the new content, never
 * a torn one, and a crash leaves the old file: temp file in the same folder,
 * fsync, rename over the target, fsync the folder (no fsync with `durable: false`). Symlinks are followed so the
 * link stays a link and its target is replaced. Refused, changing nothing: a
 * target that is not a regular file (/dev/null, a FIFO, a socket, a folder;
 * checked again right before the rename) and one without its owner's write bit.
 * As root, missing folders and the file keep the user's ownership (keep-owner.ts).
 *
 * `data` may come in parts (byte slices written in order), so a caller that
 * keeps most of a big file need not copy it into one buffer first.
 *
 * Returns false only when `beforeRename` abandoned the write.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: AtomicWriteOptions = {},
): Promise<boolean> {
  const mode = options.mode ?? 0o600;
  const durable = options.durable ?? true;
  let target = path;
  let tempPath: string | undefined;
  let handle: OpenFile | undefined;
  try {
    // Refuses a target that is not a regular file (see resolveRealPath).
    target = await resolveRealPath(path);
    const existing = await statIfExists(target);
    // Checked by mode bits, not access(): as root, access() says every file is writable.
    if (existing && (existing.mode & 0o200) === 0) {
      throw new ReadOnlyFileError(path, target, existing.mode);
    }
    const dir = dirname(target);
    await makeFolderKeepingOwner(dir, 0o700);

    tempPath = join(
      dir,
      `.${basename(target)}.switchyard-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
    );
    handle = await fileOps().open(tempPath, 'wx', mode);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else await writeParts(handle, data);
    // open()'s mode is reduced by the umask; set it exactly.
    await handle.chmod(mode);
    await giveOwnerOf(handle, existing, dir);
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;

    if ((await options.beforeRename?.()) === false) {
      await fileOps().unlink(tempPath);
      return false;
    }
    // Something may have replaced the file meanwhile; never rename over a device or a FIFO.
    const current = await statIfExists(target);
    if (current) assertRegularStats(current, path, target);
    await fileOps().rename(tempPath, target);
    tempPath = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (tempPath)
      await fileOps()
        .unlink(tempPath)
        .catch(() => undefined);
    if (errorCode(error) === undefined) throw error;
    const named = target === path ? path : `${path} (-> ${target})`;
    throw new AtomicWriteError(
      `${fsErrorMessage(error, named, 'write')}; nothing was changed`,
      path,
      errorCode(error),
      { cause: error },
    );
  }
  if (durable) await syncDirectory(dirname(target), path);
  return true;
}

/** Parts in order, by writev (a short write continues where it stopped). */
async function writeParts(handle: OpenFile, parts: readonly Uint8Array[]): Promise<void> {
  const rest = parts.filter((part) => part.length > 0);
  let next = 0;
  while (next < rest.length) {
    // Batches of at most IOV_MAX (1024) buffers.
    let { bytesWritten } = await handle.writev(rest.slice(next, next + 1024));
    while (next < rest.length && bytesWritten >= (rest[next] as Uint8Array).length) {
      bytesWritten -= (rest[next] as Uint8Array).length;
      next++;
    }
    if (bytesWritten > 0) rest[next] = (rest[next] as Uint8Array).subarray(bytesWritten);
  }
}

async function statIfExists(path: string) {
  try {
    return await fileOps().stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Makes the rename itself durable. Some platforms cannot open or sync a folder. */
async function syncDirectory(dir: string, path: string): Promise<void> {
  let handle: OpenFile | undefined;
  try {
    handle = await fileOps().open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errorCode(error);
    if (!['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EACCES', 'EBADF'].includes(code ?? '')) {
      throw new AtomicWriteError(
        `wrote ${path} but could not flush its folder to disk (${code ?? String(error)})`,
        path,
        code,
        { cause: error },
      );
    }
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
