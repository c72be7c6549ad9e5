import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorCode, FileRuleError, fsErrorMessage } from '../fs/fs-error-message';
import { giveFolderOwnerSync, makeFolderKeepingOwnerSync } from '../fs/keep-owner';
import { fileKind } from '../fs/regular-file';
import { auditLine, type AuditEvent } from './audit-event';
import { auditFolder, monthFileName, monthIndex } from './audit-files';
import { keepTrailSmall } from './audit-upkeep';

export const DEFAULT_AUDIT_RETENTION_MONTHS = 12;

/** Compaction and pruning run at most once a day per process (a readdir when there is nothing to do). */
const UPKEEP_EVERY_MS = 86_400_000;

/**
 * O_APPEND: the kernel puts each write at the end of the file as one step, so
 * lines from the tray, the CLI and the daemon writing at once never overwrite
 * or interleave (each line is one small write). O_NOFOLLOW: a link planted at
 * the month's name is refused, not followed. O_NONBLOCK: a FIFO there never hangs us.
 */
const APPEND_FLAGS =
  constants.O_WRONLY |
  constants.O_APPEND |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0) |
  (constants.O_NOCTTY ?? 0);

export interface AuditLogOptions {
  readonly configDir: string;
  /** Months kept, the current one included; read at each append so a settings change applies. */
  readonly retentionMonths?: () => number;
  readonly now?: () => number;
  /** Told, once per distinct message, when a line could not be written. */
  readonly onError?: (message: string) => void;
}

/**
 * The audit trail's writer. Recording never throws and never holds up the
 * credential work it describes: a trail that cannot be written (a full disk, a
 * folder made read-only) is reported through onError, once per problem.
 */
export class AuditLog {
  readonly #folder: string;
  readonly #retention: () => number;
  readonly #now: () => number;
  readonly #onError: (message: string) => void;
  readonly #reported = new Set<string>();
  /** The day this process last compacted and pruned old files on. */
  #keptDay: number | undefined;
  #upkeep: Promise<void> = Promise.resolve();

  constructor(options: AuditLogOptions) {
    this.#folder = auditFolder(options.configDir);
    this.#retention = options.retentionMonths ?? (() => DEFAULT_AUDIT_RETENTION_MONTHS);
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => undefined);
  }

  get folder(): string {
    return this.#folder;
  }

  record(event: AuditEvent): void {
    const now = this.#now();
    const month = monthIndex(now);
    const path = join(this.#folder, monthFileName(month));
    try {
      appendLine(path, auditLine(event, now));
    } catch (error) {
      this.#report(`audit trail not written: ${fsErrorMessage(error, path, 'write')}`);
      return;
    }
    const day = Math.floor(now / UPKEEP_EVERY_MS);
    if (this.#keptDay !== day) {
      this.#keptDay = day;
      this.#upkeep = keepTrailSmall(this.#folder, now, this.#retention()).then((problems) => {
        for (const problem of problems) this.#report(`audit trail upkeep: ${problem}`);
      });
    }
  }

  /** Resolves when the compaction and pruning this process started have finished. */
  settled(): Promise<void> {
    return this.#upkeep;
  }

  #report(message: string): void {
    if (this.#reported.has(message)) return;
    this.#reported.add(message);
    this.#onError(message);
  }
}

/** Opens the month's file for appending, creating it 0600 (owned like its folder) when new. */
function openForAppend(path: string): number {
  for (;;) {
    try {
      return openSync(path, APPEND_FLAGS);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    try {
      const fd = openSync(path, APPEND_FLAGS | constants.O_CREAT | constants.O_EXCL, 0o600);
      giveFolderOwnerSync(path);
      return fd;
    } catch (error) {
      // The folder is made only when missing (the first line ever, or after a
      // user removed it), not on every line: a round records one per role.
      if (errorCode(error) === 'ENOENT') makeFolderKeepingOwnerSync(dirname(path), 0o700);
      // EEXIST: another process created it between our two opens; append to theirs.
      else if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
}

function appendLine(path: string, line: string): void {
  const fd = openForAppend(path);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new FileRuleError(
        `${path} is a ${fileKind(stats)}, not a file; move it away so the audit trail can be written`,
        path,
        'ENOTREG',
      );
    }
    const bytes = Buffer.from(line, 'utf8');
    const written = writeSync(fd, bytes);
    if (written !== bytes.length) throw Object.assign(new Error('short write'), { code: 'EIO' });
  } finally {
    closeSync(fd);
  }
}
