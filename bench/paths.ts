import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The repository root. The sections run from a bundle in a temp folder, so
 * import.meta.url says nothing about the repository; scripts/bench.mjs starts
 * every section with the repository as its working directory.
 */
export const repoRoot = process.cwd();
/** BENCH_CLI measures another build's bin/switchyard (e.g. a copy of the code before a change). */
export const cliPath = process.env.BENCH_CLI || join(repoRoot, 'bin', 'switchyard');

if (!existsSync(cliPath)) {
  throw new Error(
    `${cliPath} not found: run the benchmarks through scripts/bench.mjs (npm run bench)`,
  );
}

/**
 * Extra Node flags for the measured `switchyard` processes, e.g.
 * BENCH_CLI_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where their time goes.
 * (Profiling slows them down: do not quote figures from such a run.)
 */
export const cliNodeArgs: string[] = (process.env.BENCH_CLI_NODE_ARGS ?? '')
  .split(/\s+/)
  .filter(Boolean);

/**
 * The Node binary that runs the measured `switchyard` processes (and their
 * floors): BENCH_CLI_NODE, e.g. a Node 22 (`npm run bench -- --node PATH`), else
 * the one running the bench.
 */
export const cliNode: string = process.env.BENCH_CLI_NODE || process.execPath;
