import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';

import { redactSecrets } from './redact-secrets';

export interface Logger {
  info(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export interface FileLoggerOptions {
  /** app.getPath('logs'). */
  readonly dir: string;
  readonly fileName?: string;
  /** Rotate once the file would grow past this. */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one (main.1.log … main.N.log). */
  readonly keep?: number;
  readonly now?: () => Date;
  /** Also print to the console (development). */
  readonly echo?: boolean;
}

export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
export const DEFAULT_KEPT_LOGS = 3;

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A tiny synchronous file logger: one line per entry, owner-only files (0600
 * in a 0700 folder), size-based rotation, secrets redacted. Logging never
 * throws: a full disk must not take the tray app down.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const fileName = options.fileName ?? 'main.log';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
  const keep = options.keep ?? DEFAULT_KEPT_LOGS;
  const now = options.now ?? (() => new Date());
  const path = join(options.dir, fileName);
  const rotated = (n: number): string =>
    join(options.dir, fileName.replace(/(\.log)?$/, `.${n}$1`));

  const rotate = (): void => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    }
    if (keep >= 1) renameSync(path, rotated(1));
    else rmSync(path, { force: true });
  };

  let prepared = false;
  const prepare = (): void => {
    if (prepared) return;
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    // A file left by an older build, or created by someone else's umask, is tightened.
    if (existsSync(path)) chmodSync(path, 0o600);
    prepared = true;
  };

  const write = (level: string, message: string, error?: unknown): void => {
    const detail = error === undefined ? '' : ` (${describe(error)})`;
    const line = `${now().toISOString()} ${level} ${redactSecrets(`${message}${detail}`).replace(/[\r\n]+/g, ' ')}\n`;
    if (options.echo) process.stderr.write(line);
    try {
      prepare();
      const size = existsSync(path) ? statSync(path).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(path, line, { mode: 0o600 });
    } catch {
      // Nowhere left to report it; the app carries on without a log.
    }
  };

  return {
    info: (message, error) => write('INFO', message, error),
    warn: (message, error) => write('WARN', message, error),
    error: (message, error) => write('ERROR', message, error),
  };
}
