import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  readonly ms: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Wall time from spawn to exit (all output read) of one cold process. */
export function spawnTimed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - start, code, stdout, stderr }));
  });
}

/** Throws with the command's output when it failed (a benchmark of a failing command means nothing). */
export function mustSucceed(what: string, run: TimedRun): TimedRun {
  if (run.code !== 0) {
    throw new Error(`${what} exited ${run.code}\n${run.stderr.trim()}\n${run.stdout.trim()}`);
  }
  return run;
}
