import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileOps, type OpenFile } from './file-ops';
import { errorCode, FileRuleError } from './fs-error-message';

/**
 * Reads open without blocking: opening a FIFO for reading otherwise waits for a
 * writer forever (in a libuv worker, so no timeout can end it), and a terminal
 * must not become our controlling one. Windows has neither flag.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** The type tests of a Stats or BigIntStats. */
export type FileTypeStats = Pick<
  Stats,
  | 'isFile'
  | 'isDirectory'
  | 'isCharacterDevice'
  | 'isBlockDevice'
  | 'isFIFO'
  | 'isSocket'
  | 'isSymbolicLink'
>;

/** What a path is when it is not a regular file, in words for a message. */
export function fileKind(stats: FileTypeStats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isFIFO()) return 'named pipe (FIFO)';
  if (stats.isSocket()) return 'socket';
  if (stats.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

/**
 * The path names something other than a regular file (after following links):
 * /dev/null, a FIFO, a socket, a directory. Switchyard neither reads nor
 * replaces such a thing: replacing /dev/null would leave session keys in a
 * world-readable place, and reading a FIFO would hang.
 */
export class NotRegularFileError extends FileRuleError {
  override readonly name = 'NotRegularFileError';

  constructor(
    path: string,
    readonly kind: string,
    /** The file the path resolves to, when it is reached through symlinks. */
    readonly target?: string,
  ) {
    const named = target && target !== path ? `${path} (-> ${target})` : path;
    const what = kind === 'directory' ? 'a directory, not a file' : `a ${kind}, not a regular file`;
    // EISDIR for a directory, so callers that sort by errno code still tell it apart.
    super(
      `${named} is ${what}; ${regularFileHint(path)}`,
      path,
      kind === 'directory' ? 'EISDIR' : 'EFTYPE',
    );
  }
}

/** Which variable to fix when the path came from one, else the generic fix. */
function regularFileHint(path: string, env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE']) {
    const value = env[name];
    if (value && sameLocation(value, path)) return `point ${name} at a regular file`;
  }
  return 'replace it with a regular file, or move it away';
}

function sameLocation(configured: string, path: string): boolean {
  const expanded = /^~(?=$|[/\\])/.test(configured)
    ? `${homedir()}${configured.slice(1)}`
    : configured;
  return resolve(expanded) === resolve(path);
}

/** Throws NotRegularFileError unless `stats` is a regular file's. */
export function assertRegularStats(stats: FileTypeStats, path: string, target?: string): void {
  if (!stats.isFile()) throw new NotRegularFileError(path, fileKind(stats), target);
}

/**
 * Opening a unix socket fails with ENXIO; say what it is instead. Any other
 * error is returned as it was.
 */
function explainOpenError(
  error: unknown,
  path: string,
  stats: () => Stats | undefined,
  target?: string,
): unknown {
  if (errorCode(error) !== 'ENXIO') return error;
  const seen = stats();
  return seen && !seen.isFile() ? new NotRegularFileError(path, fileKind(seen), target) : error;
}

/**
 * A regular file's bytes. Never blocks on open (FIFO) and never reads a
 * device: anything but a regular file is a NotRegularFileError. Other errors
 * (ENOENT included) are thrown as Node raised them.
 */
export async function readRegularFile(path: string): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Opens a regular file for reading, the way readRegularFile does; the caller
 * closes it. Errors other than "not a regular file" are Node's (ENOENT too).
 */
export async function openRegularFile(path: string): Promise<OpenFile> {
  const files = fileOps();
  let handle: OpenFile;
  try {
    handle = await files.open(path, READ_FLAGS);
  } catch (error) {
    if (errorCode(error) !== 'ENXIO') throw error;
    const seen = await files.stat(path).catch(() => undefined);
    const target = await files.realpath(path).catch(() => undefined);
    throw explainOpenError(error, path, () => seen, target);
  }
  let stats: Stats;
  try {
    stats = await handle.stat();
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (stats.isFile()) return handle;
  await handle.close();
  // Name what a symlink led to: "…/credentials (-> /dev/null)".
  const target = await files.realpath(path).catch(() => undefined);
  throw new NotRegularFileError(path, fileKind(stats), target);
}

/** readRegularFile for synchronous callers (conf-based catalog code). */
export function readRegularFileSync(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    if (errorCode(error) !== 'ENXIO') throw error;
    throw explainOpenError(error, path, () => statIfPossible(path), realpathIfPossible(path));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      throw new NotRegularFileError(path, fileKind(stats), realpathIfPossible(path));
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Throws NotRegularFileError when `path` exists and is not a regular file; a
 * missing path is fine (it will be created). For code that hands the path to a
 * library that opens it itself (conf), so the check is by stat, not by open.
 */
export function assertRegularIfExistsSync(path: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  assertRegularStats(stats, path, realpathIfPossible(path));
}

function realpathIfPossible(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function statIfPossible(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
