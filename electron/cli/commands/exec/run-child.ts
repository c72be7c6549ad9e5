import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { isatty } from 'node:tty';

/** The signals passed on to the child; anything else keeps its default action. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Whether this process's group is the terminal's foreground group (Linux:
 * /proc/self/stat's pgrp and tpgid agree). Elsewhere a terminal on stdin is
 * taken to mean yes: a background job cannot read its terminal anyway.
 */
function inForegroundGroup(): boolean {
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name in parentheses: state ppid pgrp session tty_nr tpgid …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[2] !== undefined && fields[2] === fields[5];
  } catch {
    return true;
  }
}

/**
 * The rule for SIGINT: Ctrl+C in a terminal goes to the whole foreground
 * process group, and the child (spawned in our group) already has it; sending
 * it again would make a program that counts Ctrl+C (a REPL, psql) see two. So
 * SIGINT is forwarded only when stdin is not a terminal or we are not the
 * terminal's foreground group (`kill -INT <pid>` from elsewhere, a CI runner).
 */
export function shouldForwardSigint(): boolean {
  return !(isatty(0) && inForegroundGroup());
}

/** What became of the child: its exit code, or 128 + the number of the signal that killed it. */
export function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (signal !== null) return 128 + (constants.signals[signal] ?? 0);
  return code ?? 1;
}

export type ChildOutcome =
  | { readonly kind: 'exited'; readonly status: number }
  | { readonly kind: 'not-found' | 'not-executable' | 'failed'; readonly message: string };

/**
 * Runs the command with stdin, stdout and stderr shared, forwards SIGINT
 * (see shouldForwardSigint), SIGTERM and SIGHUP while it runs, and resolves
 * when it is gone. A command that cannot be started is an outcome, not a throw:
 * the caller maps it to 127 or 126 as shells do.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const handlers = FORWARDED.map((signal) => {
      const handler = (): void => {
        if (signal === 'SIGINT' && !shouldForwardSigint()) return;
        child.kill(signal);
      };
      process.on(signal, handler);
      return () => process.off(signal, handler);
    });
    let settled = false;
    const done = (outcome: ChildOutcome): void => {
      if (settled) return;
      settled = true;
      for (const off of handlers) off();
      resolve(outcome);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        done({ kind: 'not-found', message: `${command}: command not found` });
      } else if (error.code === 'EACCES') {
        done({
          kind: 'not-executable',
          message: `${command}: permission denied (not an executable file)`,
        });
      } else {
        done({
          kind: 'failed',
          message: `${command}: cannot run it (${error.code ?? error.message})`,
        });
      }
    });
    child.once('exit', (code, signal) =>
      done({ kind: 'exited', status: exitStatus(code, signal) }),
    );
  });
}
