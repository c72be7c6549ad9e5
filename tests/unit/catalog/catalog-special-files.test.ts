import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAwsConfig } from '../../../electron/core/catalog/aws-config-file';
import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { StateFileError } from '../../../electron/core/refresh/state-file-error';
import { emptyState } from '../../../electron/core/refresh/state-model';
import { arn, roleInput, useTempConfigDir } from './catalog-fixtures';

/**
 * catalog.json, state.json and ~/.aws/config as a FIFO, a socket or a link to
 * /dev/null: refused in one line naming the path, nothing written or chmod'ed,
 * and no hang (conf reads synchronously; a FIFO would block the process).
 */
const POSIX = process.platform !== 'win32';
const tempDir = useTempConfigDir();
const servers: Server[] = [];
afterEach(async () => {
  restoreDevNull();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
});

/** Without the fix, the catalog chmods /dev/null to 0600 (and root could replace it). */
function restoreDevNull(): void {
  if (process.getuid?.() !== 0) return;
  if (!lstatSync('/dev/null').isCharacterDevice()) {
    execFileSync('rm', ['-f', '/dev/null']);
    execFileSync('mknod', ['-m', '0666', '/dev/null', 'c', '1', '3']);
  }
  if ((statSync('/dev/null').mode & 0o777) !== 0o666) chmodSync('/dev/null', 0o666);
}

function configDir(): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

async function socketAt(path: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen(path, done));
}

function openError(dir: string): CatalogFileError {
  try {
    CatalogStore.open({ dir });
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as Error).message).not.toContain('\n');
    return error as CatalogFileError;
  }
  throw new Error('the catalog opened');
}

describe.skipIf(!POSIX)('catalog.json that is not a regular file', () => {
  it('a FIFO: refused at once in one line, nothing written beside it', () => {
    const dir = configDir();
    const path = join(dir, 'catalog.json');
    execFileSync('mkfifo', ['-m', '0600', path]);
    const error = openError(dir);
    expect(error.message).toBe(
      `Switchyard's catalog: ${path} is a named pipe (FIFO), not a regular file; replace it with a regular file, or move it away`,
    );
    expect(error.problem).toBe('io');
    expect(readdirSync(dir)).toEqual(['catalog.json']);
    expect(statSync(path).isFIFO()).toBe(true);
  });

  it('a symlink to /dev/null: refused, /dev/null neither chmod’ed nor replaced', () => {
    const dir = configDir();
    const path = join(dir, 'catalog.json');
    symlinkSync('/dev/null', path);
    expect(openError(dir).message).toBe(
      `Switchyard's catalog: ${path} (-> /dev/null) is a character device, not a regular file; replace it with a regular file, or move it away`,
    );
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(statSync('/dev/null').mode & 0o777).toBe(0o666);
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('a socket: refused in one line', async () => {
    const dir = configDir();
    const path = join(dir, 'catalog.json');
    await socketAt(path);
    expect(openError(dir).message).toMatch(/catalog\.json is a socket, not a regular file; /);
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('replaced by a FIFO after opening: reads and writes refuse without blocking', () => {
    const dir = configDir();
    const store = CatalogStore.open({ dir });
    store.add(roleInput('Prod'));
    const path = join(dir, 'catalog.json');
    execFileSync('rm', [path]);
    execFileSync('mkfifo', ['-m', '0600', path]);
    store.invalidate();
    expect(() => store.list()).toThrow(
      /catalog\.json is a named pipe \(FIFO\), not a regular file/,
    );
    expect(() => store.add(roleInput('Dev', { roleArn: arn('Dev') }))).toThrow(
      /catalog\.json is a named pipe \(FIFO\), not a regular file/,
    );
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });
});

describe.skipIf(!POSIX)('catalog.json made read-only', () => {
  it('stays read-only and byte-identical: a change is refused in one line', () => {
    const dir = configDir();
    CatalogStore.open({ dir }).add(roleInput('Prod'));
    const path = join(dir, 'catalog.json');
    chmodSync(path, 0o400);
    const before = readFileSync(path);
    const store = CatalogStore.open({ dir });
    expect(store.list()).toHaveLength(1);
    expect(() => store.add(roleInput('Dev', { roleArn: arn('Dev') }))).toThrow(
      `Switchyard's catalog ${path} is read-only (mode 0400); make it writable (chmod u+w ${path}) to let Switchyard change it`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o400);
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('0444 loses only the group and other bits when opened (0400), never gains a write bit', () => {
    const dir = configDir();
    CatalogStore.open({ dir }).add(roleInput('Prod'));
    const path = join(dir, 'catalog.json');
    chmodSync(path, 0o444);
    CatalogStore.open({ dir });
    expect(statSync(path).mode & 0o777).toBe(0o400);
  });
});

describe.skipIf(!POSIX)('state.json and ~/.aws/config that are not regular files', () => {
  it('state.json as a FIFO: read and update refuse in one line, no hang', async () => {
    const dir = configDir();
    const path = join(dir, 'state.json');
    execFileSync('mkfifo', ['-m', '0600', path]);
    const file = openStateFile({ configDir: dir });
    const message = `${path} is a named pipe (FIFO), not a regular file; replace it with a regular file, or move it away`;
    await expect(file.read()).rejects.toThrow(new StateFileError('io', path, message));
    await expect(file.update(() => emptyState())).rejects.toThrow(message);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('AWS_CONFIG_FILE as a FIFO: the import read refuses, naming the variable', () => {
    const dir = configDir();
    const path = join(dir, 'config');
    execFileSync('mkfifo', ['-m', '0600', path]);
    vi.stubEnv('AWS_CONFIG_FILE', path);
    expect(() => readAwsConfig()).toThrow(
      `${path} is a named pipe (FIFO), not a regular file; point AWS_CONFIG_FILE at a regular file`,
    );
  });

  it('AWS_CONFIG_FILE as a plain file still reads', () => {
    const dir = configDir();
    const path = join(dir, 'config');
    writeFileSync(path, '[default]\nregion = eu-west-1\n');
    vi.stubEnv('AWS_CONFIG_FILE', path);
    expect(readAwsConfig().text).toBe('[default]\nregion = eu-west-1\n');
  });
});
