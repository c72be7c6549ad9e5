import { constants } from 'node:fs';
import { fileOps, type OpenFile } from '../fs/file-ops';
import { errorCode } from '../fs/fs-error-message';
import { fileStampOf, sameFileStamp } from '../fs/file-stamp';
import { readRegularFile } from '../fs/regular-file';
import { readStableBytes, sameBytes, type StableRead } from '../fs/stable-read';

/**
 * A read of the credentials file that keeps the inode it came from open.
 *
 * `aws configure set` edits in place: open(path, 'w') truncates whatever inode
 * the path names at that moment, then writes. One that opened the file before
 * our rename writes into the inode our rename unlinks, after our last check:
 * its edit would vanish. Holding that inode lets us look at it after the rename.
 */
export interface HeldRead {
  readonly read: StableRead;
  /** Open on the inode `read` came from; undefined when the file did not exist. */
  readonly handle: OpenFile | undefined;
}

const HOLD_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['linux', 'darwin']);

/** How long an emptied inode may stay empty before we take it as written (as in stable-read). */
const FRESH_EMPTY_MS = 2000;

export async function readHeld(
  path: string,
  read: (path: string) => Promise<StableRead>,
): Promise<HeldRead> {
  for (let tries = 0; tries < 5; tries++) {
    let handle: OpenFile | undefined;
    // Not on Windows, where a file held open may refuse to be renamed over.
    if (HOLD_PLATFORMS.has(process.platform)) {
      // A file we cannot open is left to `read`, which says why.
      // Non-blocking: a FIFO swapped in after the file checks must not hang the writer.
      handle = await fileOps()
        .open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
        .catch(() => undefined);
    }
    let done = false;
    try {
      const result = await read(path);
      if (!handle) {
        done = true;
        return { read: result, handle };
      }
      const [held, named] = await Promise.all([
        handle.stat({ bigint: true }),
        fileOps()
          .stat(path, { bigint: true })
          .catch(() => undefined),
      ]);
      // Still the same inode after the read, so the read saw this one.
      if (named && held.ino === named.ino && held.dev === named.dev) {
        done = true;
        return { read: result, handle };
      }
    } finally {
      if (!done) await handle?.close();
    }
  }
  // Renamed over again and again under us: read without holding (no late-write check).
  return { read: await read(path), handle: undefined };
}

/**
 * What the held inode holds now, when it is not what `held.read` saw: a writer
 * wrote into it after our read. Undefined when it is unchanged. Closes nothing.
 */
export async function lateWriteInto(held: HeldRead): Promise<Uint8Array | undefined> {
  const { handle, read } = held;
  if (!handle) return undefined;
  const stats = await handle.stat({ bigint: true });
  // A quiet read's stamp: any write or truncate since moved mtime past it. Not
  // ctime: our rename unlinked this inode, which moves its ctime.
  const stamp = read.stamp;
  if (stamp !== undefined && stamp !== 'absent') {
    const now = fileStampOf(stats);
    if (sameFileStamp({ ...now, ctimeNs: stamp.ctimeNs }, stamp)) return undefined;
  }
  const bytes = await settledBytes(handle);
  return sameBytes(bytes, read.bytes) ? undefined : bytes;
}

/** One read: true when the file holds exactly these bytes (given in parts, in order) now. */
export async function holdsExactly(path: string, parts: readonly Uint8Array[]): Promise<boolean> {
  try {
    // readRegularFile: a FIFO put there after our rename is refused, not waited on.
    return sameAsParts(parts, await readRegularFile(path));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** True when `bytes` is the parts laid end to end (a missing file is empty). */
export function sameAsParts(parts: readonly Uint8Array[], bytes: Uint8Array | undefined): boolean {
  const whole = bytes ?? new Uint8Array(0);
  let at = 0;
  for (const part of parts) {
    if (at + part.length > whole.length) return false;
    if (!sameBytes(part, whole.subarray(at, at + part.length))) return false;
    at += part.length;
  }
  return at === whole.length;
}

/** Two agreeing reads through the descriptor; an inode emptied moments ago is waited on. */
async function settledBytes(handle: OpenFile): Promise<Uint8Array> {
  const readAll = async () => readFrom(handle);
  let waitedMs = 0;
  for (;;) {
    const bytes = (await readStableBytes('(replaced inode)', { read: readAll })) as Uint8Array;
    if (bytes.length > 0 || waitedMs >= FRESH_EMPTY_MS) return bytes;
    const { mtimeMs } = await handle.stat();
    if (Date.now() - mtimeMs >= FRESH_EMPTY_MS) return bytes;
    // Truncated by open(path, 'w'), not written yet.
    await new Promise((resolve) => setTimeout(resolve, 25));
    waitedMs += 25;
  }
}

/** The whole inode from offset 0 (a FileHandle's readFile starts at its position). */
async function readFrom(handle: OpenFile): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) return Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
}
