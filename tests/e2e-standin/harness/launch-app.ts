/**
 * Launches the built main bundle (out/main/index.js) in Node with `electron`
 * resolved to the stand-in, in a temporary HOME, and drives it: commands go
 * over the forked process's IPC channel (../standin/control.ts), every call the
 * app made comes back as an event. Every wait is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';

import type { StandinEvent } from '../standin/report';
import { buildStandin, checkBuiltApp, MAIN_BUNDLE } from './build-standin';
import { repoRoot } from '../../support/run-cli';

const COMMAND_TIMEOUT_MS = 20_000;
const WAIT_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export interface LaunchOptions {
  /** The full environment (tests/support/temp-aws-home.ts gives one with HOME set). */
  readonly env: NodeJS.ProcessEnv;
  readonly args?: readonly string[];
}

export interface RunningApp {
  readonly process: ChildProcess;
  /** When the process was started (epoch ms). */
  readonly startedAt: number;
  readonly events: StandinEvent[];
  /** stdout and stderr so far (the logger echoes in unpackaged runs). */
  output(): string;
  command<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Resolves with the first event (already seen or to come) that matches. */
  waitForEvent(
    match: (event: StandinEvent) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<StandinEvent>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** Quits if still running (SIGTERM → app.quit, then SIGKILL), bounded. */
  stop(): Promise<void>;
}

interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

type ChildMessage = ResultMessage | { readonly type: 'event'; readonly event: StandinEvent };

export async function launchApp(options: LaunchOptions): Promise<RunningApp> {
  checkBuiltApp();
  const runtime = await buildStandin();
  const startedAt = Date.now();
  const child = fork(MAIN_BUNDLE, [...(options.args ?? [])], {
    cwd: repoRoot,
    env: options.env,
    execArgv: ['--import', runtime.register],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const events: StandinEvent[] = [];
  const watchers = new Set<() => void>();
  const pending = new Map<number, (message: ResultMessage) => void>();
  let nextId = 1;
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'event') {
      events.push(message.event);
      for (const watcher of [...watchers]) watcher();
    } else {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      for (const watcher of [...watchers]) watcher();
      resolve(code);
    });
  });

  const command = <T>(name: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || !child.connected) {
        reject(new Error(`${name}: the app is not running`));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no answer within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.ok) resolve(message.value as T);
        else reject(new Error(`${name}: ${message.error ?? 'failed'}`));
      });
      child.send({ type: 'command', id, name, args });
    });

  /** What the app printed and the last events, for a failure message. */
  const recent = (): string =>
    `${output}\nlast events:\n${events
      .slice(-30)
      .map((event) => JSON.stringify(event))
      .join('\n')}`;

  const waitForEvent = (
    match: (event: StandinEvent) => boolean,
    what: string,
    timeoutMs = WAIT_TIMEOUT_MS,
  ): Promise<StandinEvent> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = events.find(match);
        if (found) {
          finish();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          reject(new Error(`the app exited before ${what}\n${recent()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${timeoutMs} ms\n${recent()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  return {
    process: child,
    startedAt,
    events,
    output: () => output,
    command,
    waitForEvent,
    exited,
    stop,
  };
}
