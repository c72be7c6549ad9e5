import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CHILDREN = fileURLToPath(new URL('../children/', import.meta.url));

export interface LockChildren {
  /** Starts children/<name>.ts and resolves once it printed `ready`. */
  start(
    name: string,
    args: readonly string[],
    ready: string,
  ): Promise<ChildProcess & { pid: number }>;
  /** Kills what start() started (SIGKILL ends a stopped child too). */
  stopAll(): Promise<void>;
  /** stopAll(), then removes the bundles. */
  cleanup(): Promise<void>;
}

/** Bundles children/<name>.ts with esbuild (Node 20 cannot run TypeScript) to run as real processes. */
export async function buildLockChildren(names: readonly string[]): Promise<LockChildren> {
  const outdir = mkdtempSync(join(tmpdir(), 'switchyard-lock-children-'));
  await build({
    entryPoints: names.map((name) => join(CHILDREN, `${name}.ts`)),
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  const running: ChildProcess[] = [];
  const stopAll = async (): Promise<void> => {
    for (const child of running.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  };
  return {
    async start(name, args, ready) {
      const child = spawn(process.execPath, [join(outdir, `${name}.mjs`), ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      running.push(child);
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes(ready)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
      });
      return child as ChildProcess & { pid: number };
    },
    stopAll,
    async cleanup() {
      await stopAll();
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}
