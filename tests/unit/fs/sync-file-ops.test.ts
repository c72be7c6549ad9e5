import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { promises } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileOps } from '../../../electron/core/fs/file-ops';
import { syncFileOps } from '../../../electron/core/fs/sync-file-ops';

/**
 * The synchronous FileOps answer as fs.promises does: the same values, and the
 * same errors (code, syscall, message) as rejections. One script of calls is
 * run through both, each in its own folder, and the two logs compared.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Step = readonly [string, unknown];

async function script(ops: FileOps, dir: string): Promise<Step[]> {
  const log: Step[] = [];
  const step = async (name: string, call: () => Promise<unknown>) => {
    try {
      const value = await call();
      log.push([name, value]);
    } catch (error) {
      const { code, syscall, message } = error as NodeJS.ErrnoException;
      log.push([name, { code, syscall, message: message.split(dir).join('<dir>') }]);
    }
  };
  const file = join(dir, 'a', 'b', 'file');
  await step('mkdir', async () =>
    (await ops.mkdir(join(dir, 'a', 'b'), { recursive: true }))?.split(dir).join('<dir>'),
  );
  await step('mkdir again', () => ops.mkdir(join(dir, 'a', 'b'), { recursive: true }));
  const handle = await ops.open(file, 'wx', 0o600);
  await step('open wx twice', () => ops.open(file, 'wx', 0o600));
  await step('writeFile', () => handle.writeFile('hello '));
  await step(
    'writev',
    async () => (await handle.writev([Buffer.from('wor'), Buffer.from('ld\n')])).bytesWritten,
  );
  await step('chmod', () => handle.chmod(0o640));
  await step('sync', () => handle.sync());
  await step('fstat', async () => {
    const s = await handle.stat();
    return { size: s.size, mode: s.mode & 0o777, file: s.isFile() };
  });
  await step('fstat bigint', async () => typeof (await handle.stat({ bigint: true })).mtimeNs);
  await step('close', () => handle.close());
  await step('close again', () => handle.close());
  await step('read after close', () => handle.readFile());

  const reader = await ops.open(file, 'r');
  const buffer = Buffer.alloc(5);
  await step('read at 6', async () => {
    const { bytesRead } = await reader.read(buffer, 0, 5, 6);
    return buffer.subarray(0, bytesRead).toString();
  });
  await step('read 2 then the rest', async () => {
    await reader.read(buffer, 0, 2, null);
    return (await reader.readFile()).toString();
  });
  await reader.close();

  symlinkSync(file, join(dir, 'link'));
  await step('realpath', async () =>
    (await ops.realpath(join(dir, 'link'))).split(dir).join('<dir>'),
  );
  await step('readlink', async () =>
    (await ops.readlink(join(dir, 'link'))).split(dir).join('<dir>'),
  );
  await step('readlink of a file', () => ops.readlink(file));
  await step('stat', async () => (await ops.stat(join(dir, 'link'))).size);
  await step('stat bigint', async () => (await ops.stat(file, { bigint: true })).size);
  await step('readFile', async () => (await ops.readFile(file)).toString());
  await step('readFile utf8', () => ops.readFile(file, 'utf8'));
  await step('readdir', () => ops.readdir(join(dir, 'a', 'b')));
  await step('rename', () => ops.rename(file, join(dir, 'moved')));
  await step('stat missing', () => ops.stat(file));
  await step('open missing', () => ops.open(file, 'r'));
  await step('readFile of a folder', () => ops.readFile(dir));
  await step('unlink', () => ops.unlink(join(dir, 'moved')));
  await step('unlink missing', () => ops.unlink(join(dir, 'moved')));
  await step('readdir missing', () => ops.readdir(join(dir, 'none')));
  return log;
}

describe('syncFileOps', () => {
  it('answers every call as fs.promises does, failures included', async () => {
    const folder = () => {
      const dir = mkdtempSync(join(tmpdir(), 'switchyard-file-ops-'));
      dirs.push(dir);
      return dir;
    };
    const expected = await script(promises, folder());
    const actual = await script(syncFileOps, folder());
    expect(actual).toEqual(expected);
    // The script did reach its failures.
    expect(expected.filter(([, value]) => (value as { code?: string })?.code)).toHaveLength(8);
  });
});
