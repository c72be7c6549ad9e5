import { dirname } from 'node:path';

/** The errno code of a Node file-system error ("ENOENT"), if there is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * An error Switchyard raises itself about a file (not a regular file,
 * read-only): its message already names the path and the fix, and it is used
 * as is wherever an errno error would be described.
 */
export class FileRuleError extends Error {
  constructor(
    message: string,
    readonly path: string,
    /** An errno-like code, so code that sorts errors by code still can. */
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * One line that tells the user what went wrong with which path and what to do
 * about it, instead of Node's "EACCES: permission denied, open '…/.x.tmp'".
 */
export function fsErrorMessage(error: unknown, path: string, action: 'read' | 'write'): string {
  if (error instanceof FileRuleError) return error.message;
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
      return `disk full while writing ${path} (ENOSPC); free some space and try again`;
    case 'EDQUOT':
      return `disk quota exceeded while writing ${path} (EDQUOT); free some space and try again`;
    case 'EACCES':
    case 'EPERM':
      return action === 'write'
        ? `cannot write ${dirname(path)}: permission denied (${code}); Switchyard needs to create files in that folder, so make it writable for this user (ls -ld shows its owner and mode)`
        : `cannot read ${path}: permission denied (${code}); make it and its folders readable for this user (ls -l shows the owner and mode)`;
    case 'EROFS':
      return `cannot write ${dirname(path)}: it is on a read-only file system (EROFS); remount it writable or point Switchyard at a file elsewhere`;
    case 'EISDIR':
      return `${path} is a directory, not a file; move it away or point Switchyard at a file`;
    case 'ENOTDIR':
      return `cannot ${action} ${path}: one of its parent folders is a file; move that file away or point Switchyard at another path`;
    case 'ELOOP':
      return `cannot ${action} ${path}: too many symbolic links (a link loop?) (ELOOP); fix or remove the link`;
    case 'ENAMETOOLONG':
      return `cannot ${action} ${path}: the path is too long (ENAMETOOLONG); use a shorter path`;
    case 'EMFILE':
    case 'ENFILE':
      return `cannot ${action} ${path}: too many open files (${code}); close some programs and try again`;
    case 'EIO':
      return `cannot ${action} ${path}: input/output error (EIO); check the disk or network share it is on`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `cannot ${action} ${path}: it is busy (${code}); close the program using it and try again`;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `cannot ${action} ${path}: ${detail}`;
    }
  }
}
