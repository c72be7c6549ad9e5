import { basename, dirname, join, resolve } from 'node:path';
import { fileOps } from './file-ops';
import { errorCode } from './fs-error-message';
import { assertRegularStats } from './regular-file';

const MAX_LINK_HOPS = 40;

/**
 * The file a path really names, following symlinks even when the final target
 * does not exist yet (a dangling link into a dotfiles repo), so a writer replaces
 * the target and the link stays a link. Missing folders are kept as written.
 *
 * Writers (the atomic write, the lock beside the file) start here, so an
 * existing target that is not a regular file (/dev/null, a FIFO, a socket, a
 * directory) is refused here with a NotRegularFileError, before anything is
 * created next to it.
 */
export async function resolveRealPath(path: string): Promise<string> {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    let real: string | undefined;
    try {
      real = await fileOps().realpath(current);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    if (real !== undefined) {
      assertRegularStats(await fileOps().stat(real), path, real);
      return real;
    }
    let link: string;
    try {
      link = await fileOps().readlink(current);
    } catch (error) {
      // Not a link (EINVAL; UNKNOWN on Windows) or not there at all: a new file.
      if (['EINVAL', 'ENOENT', 'UNKNOWN'].includes(errorCode(error) ?? '')) {
        return join(await realParent(dirname(current)), basename(current));
      }
      throw error;
    }
    current = resolve(dirname(current), link);
  }
  throw Object.assign(new Error(`too many symbolic links while resolving ${path}`), {
    code: 'ELOOP',
    path,
  });
}

async function realParent(dir: string): Promise<string> {
  try {
    return await fileOps().realpath(dir);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT' || dirname(dir) === dir) return dir;
    return join(await realParent(dirname(dir)), basename(dir));
  }
}
