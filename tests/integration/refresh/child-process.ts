/**
 * Runs the child scripts in children/ as real, separate Node processes: they are
 * bundled once with esbuild (Node 20 cannot run TypeScript) into a temp folder.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const refreshChildren = fileURLToPath(new URL('./children/', import.meta.url));

export interface BuiltChildren {
  /** Path of the bundled script for children/<name>.ts. */
  script(name: string): string;
  cleanup(): void;
}

/** Bundles `<childrenDir>/<name>.ts` for each name (default: this folder's children/). */
export async function buildChildren(
  names: readonly string[],
  childrenDir: string = refreshChildren,
): Promise<BuiltChildren> {
  const outdir = mkdtempSync(join(tmpdir(), 'switchyard-children-'));
  await build({
    entryPoints: names.map((name) => join(childrenDir, `${name}.ts`)),
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return {
    script: (name) => join(outdir, `${name}.mjs`),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface RunningChild {
  readonly process: ChildProcessWithoutNullStreams;
  /** The next line the child prints on stdout (rejects if it exits first). */
  nextLine(): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

export function startChild(script: string, args: readonly string[]): RunningChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: 'pipe' });
  const lines: string[] = [];
  const waiters: ((line: string | undefined) => void)[] = [];
  let buffer = '';
  let stderr = '';
  let ended = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      ended = true;
      for (const waiter of waiters.splice(0)) waiter(undefined);
      resolve(code);
    }),
  );
  return {
    process: child,
    exited,
    nextLine() {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.reject(new Error(`child exited; stderr: ${stderr}`));
      return new Promise((resolve, reject) =>
        waiters.push((l) =>
          l === undefined ? reject(new Error(`child exited; stderr: ${stderr}`)) : resolve(l),
        ),
      );
    },
  };
}
