import { chooseFileOps } from '../core/fs/file-ops';
import { syncFileOps } from '../core/fs/sync-file-ops';
import { assumeCommand } from './commands/assume';
import { exitWhenFlushed } from './exit-when-flushed';
import { runCli } from './run-cli';

/**
 * `switchyard assume` on its own: bin/switchyard loads this, bundled into one
 * CommonJS file (dist/cli/assume.cjs, scripts/build-cli.mjs), for that one
 * command. A cold `assume` is a user waiting on a shell prompt; loading it from
 * the split build's modules cost about 40 ms of CPU more than one file (each
 * module resolved, read and linked by the ES module loader). What it reaches
 * only past plain keys (the AWS SDK's gateway) stays in the split build.
 *
 * The command makes its file calls synchronously (core/fs/sync-file-ops.ts):
 * it does one thing at a time, so the thread pool's round trips were pure wait
 * (with fs.promises, about 7 ms of a cold run and Node's fs/promises module).
 * When it is done, the process ends at once (exit-when-flushed.ts).
 */
export async function run(argv: readonly string[]): Promise<void> {
  chooseFileOps(syncFileOps);
  await runCli({ assume: () => Promise.resolve(assumeCommand) }, argv);
  await exitWhenFlushed();
}
