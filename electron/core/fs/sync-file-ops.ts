import {
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lchownSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writevSync,
} from 'node:fs';
import type { BigIntStats, Stats } from 'node:fs';
import type { FileOps, OpenFile } from './file-ops';

/**
 * FileOps made of Node's synchronous calls, for a one-shot command
 * (file-ops.ts, chooseFileOps). Each call still answers with a promise, and a
 * failure is a rejection with Node's own error (code, syscall, path), so the
 * engine's code reads the same either way. What it saves: no thread pool is
 * started, and no call waits for a worker thread and then for the main
 * thread's next turn (about 450 context switches of a cold `assume` were
 * those round trips).
 */
class SyncOpenFile implements OpenFile {
  #closed = false;

  constructor(readonly fd: number) {}

  async read(buffer: Buffer, offset: number, length: number, position: number | null) {
    return { bytesRead: readSync(this.#open('read'), buffer, offset, length, position) };
  }

  async readFile(): Promise<Buffer> {
    return readFileSync(this.#open('readFile'));
  }

  async writeFile(data: string | Uint8Array): Promise<void> {
    writeFileSync(this.#open('writeFile'), data);
  }

  async writev(buffers: readonly Uint8Array[]) {
    return { bytesWritten: writevSync(this.#open('writev'), buffers as Uint8Array[]) };
  }

  stat(): Promise<Stats>;
  stat(options: { bigint: true }): Promise<BigIntStats>;
  async stat(options?: { bigint: true }): Promise<Stats | BigIntStats> {
    return options ? fstatSync(this.#open('fstat'), options) : fstatSync(this.#open('fstat'));
  }

  async sync(): Promise<void> {
    fsyncSync(this.#open('fsync'));
  }

  async chmod(mode: number): Promise<void> {
    fchmodSync(this.#open('fchmod'), mode);
  }

  async chown(uid: number, gid: number): Promise<void> {
    fchownSync(this.#open('fchown'), uid, gid);
  }

  /** Like FileHandle.close: a second close does nothing (the number may be reused by then). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.fd);
  }

  /** A closed handle's number may already name another file: refuse it as FileHandle does. */
  #open(syscall: string): number {
    if (this.#closed) {
      throw Object.assign(new Error('file closed'), { code: 'EBADF', syscall });
    }
    return this.fd;
  }
}

function stat(path: string): Promise<Stats>;
function stat(path: string, options: { bigint: true }): Promise<BigIntStats>;
async function stat(path: string, options?: { bigint: true }): Promise<Stats | BigIntStats> {
  return options ? statSync(path, options) : statSync(path);
}

function readFile(path: string): Promise<Buffer>;
function readFile(path: string, encoding: 'utf8'): Promise<string>;
async function readFile(path: string, encoding?: 'utf8'): Promise<Buffer | string> {
  return encoding ? readFileSync(path, encoding) : readFileSync(path);
}

export const syncFileOps: FileOps = {
  open: async (path, flags, mode) => new SyncOpenFile(openSync(path, flags, mode)),
  stat,
  realpath: async (path) => realpathSync.native(path),
  readlink: async (path) => readlinkSync(path),
  mkdir: async (path, options) => mkdirSync(path, options),
  lchown: async (path, uid, gid) => lchownSync(path, uid, gid),
  unlink: async (path) => unlinkSync(path),
  rename: async (from, to) => renameSync(from, to),
  readdir: async (path) => readdirSync(path),
  readFile,
};
