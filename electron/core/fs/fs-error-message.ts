import { dirname } from 'node:path';

/** The errno code of a Node file-system error ("ENOENT"), if there is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * One line that tells the user what went wrong with which path and what it
 * means, instead of Node's "EACCES: permission denied, open '…/.x.tmp'".
 */
export function fsErrorMessage(error: unknown, path: string, action: 'read' | 'write'): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `disk full while writing ${path}`;
    case 'EACCES':
    case 'EPERM':
      return action === 'write'
        ? `cannot write ${dirname(path)}: permission denied (${code}); Switchyard needs to create files in that folder`
        : `cannot read ${path}: permission denied (${code})`;
    case 'EROFS':
      return `cannot write ${dirname(path)}: it is on a read-only file system (EROFS)`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    case 'ENOTDIR':
      return `cannot ${action} ${path}: one of its parent folders is a file`;
    case 'ELOOP':
      return `cannot ${action} ${path}: too many symbolic links`;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `cannot ${action} ${path}: ${detail}`;
    }
  }
}
