/**
 * A real `switchyard daemon` (bin/switchyard) in its own process, for tests that
 * drive it from other processes. Kill what you start: stopAll() in afterEach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath } from './run-cli';

export interface RunningDaemon {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches (15 s at most). */
  waitFor(re: RegExp): Promise<void>;
}

const started: ChildProcess[] = [];

export function startDaemon(env: NodeJS.ProcessEnv): RunningDaemon {
  const child = spawn(process.execPath, [cliPath, 'daemon'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const listener of listeners) listener();
  };
  // Both streams: the daemon reports on either, and a match on stderr must wake the waiter too.
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const waitFor = (re: RegExp): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${re} in:\n${out}`));
      }, 15_000);
      function check(): void {
        if (!re.test(out)) return;
        clearTimeout(deadline);
        listeners.delete(check);
        resolve();
      }
      listeners.add(check);
      check();
    });
  return { child, output: () => out, waitFor };
}

/** SIGTERM, then waits for the exit (SIGKILL after 5 s). */
export async function stopDaemon(daemon: RunningDaemon): Promise<void> {
  const { child } = daemon;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export function killAllDaemons(): void {
  for (const child of started.splice(0)) child.kill('SIGKILL');
}

/** Polls `probe` every 50 ms until it returns true (bounded: 15 s), for effects another process makes. */
export async function eventually(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
