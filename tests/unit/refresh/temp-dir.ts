import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh config folder per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-refresh-'));
    dirs.push(dir);
    return dir;
  };
}

/** The pid of a process that has already exited (pid reuse this soon is vanishingly unlikely). */
export function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  if (!result.pid) throw new Error('could not spawn node');
  return result.pid;
}
