import { promises } from 'node:fs';
import type { BigIntStats, Stats } from 'node:fs';

/** An open file, as the engine uses one: the part of fs.promises' FileHandle it calls. */
export interface OpenFile {
  readonly fd: number;
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number }>;
  /** From the file's current position, like FileHandle.readFile. */
  readFile(): Promise<Buffer>;
  writeFile(data: string | Uint8Array): Promise<void>;
  writev(buffers: readonly Uint8Array[]): Promise<{ bytesWritten: number }>;
  stat(): Promise<Stats>;
  stat(options: { bigint: true }): Promise<BigIntStats>;
  sync(): Promise<void>;
  chmod(mode: number): Promise<void>;
  chown(uid: number, gid: number): Promise<void>;
  close(): Promise<void>;
}

/** The file calls the engine's own file layer (electron/core/fs) makes, as fs.promises has them. */
export interface FileOps {
  open(path: string, flags: string | number, mode?: number): Promise<OpenFile>;
  stat(path: string): Promise<Stats>;
  stat(path: string, options: { bigint: true }): Promise<BigIntStats>;
  realpath(path: string): Promise<string>;
  readlink(path: string): Promise<string>;
  mkdir(path: string, options: { recursive: true; mode?: number }): Promise<string | undefined>;
  lchown(path: string, uid: number, gid: number): Promise<void>;
  unlink(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string): Promise<Buffer>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

let chosen: FileOps | undefined;

/**
 * The file calls of this process: Node's fs.promises (reached at call time, so a
 * process that never asks does not load it), unless a one-shot command chose
 * synchronous ones (sync-file-ops.ts).
 */
export function fileOps(): FileOps {
  return chosen ?? promises;
}

/**
 * For a process that does one thing and exits (`switchyard assume`): nothing
 * runs beside its file calls, so waiting on each in the thread pool only costs
 * time. A long-lived process (the refresher, the tray) keeps fs.promises.
 * `undefined` goes back to fs.promises.
 */
export function chooseFileOps(ops: FileOps | undefined): void {
  chosen = ops;
}
