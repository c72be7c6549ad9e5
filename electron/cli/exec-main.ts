import { envCommand } from './commands/exec/env';
import { execCommand } from './commands/exec/exec';
import { FullCliNeeded } from './full-cli-needed';
import { runCli, type Command } from './run-cli';

/** Runs a command line in the full build (bin/switchyard: without warning again what this bundle warned). */
export type FullCli = (argv: readonly string[]) => Promise<void>;

/**
 * `switchyard exec` and `env` on their own: bin/switchyard loads this, bundled
 * into one CommonJS file with a code cache (dist/cli/exec.cjs), for those two
 * commands. With a live session or the refresher's endpoint (the case `exec` is
 * for) they read three files and start a child; from the split build they
 * loaded some 35 ES modules first. What needs the engine (no live session, no
 * endpoint) is handed to the full build (`fullCli`), which runs the same
 * command line from the start: nothing was written before the hand-over.
 */
export async function run(argv: readonly string[], fullCli: FullCli): Promise<void> {
  let handOver = false;
  const orHandOver =
    (command: Command): Command =>
    async (rest) => {
      try {
        await command(rest);
      } catch (error) {
        if (!(error instanceof FullCliNeeded)) throw error;
        handOver = true;
      }
    };
  await runCli(
    { exec: async () => orHandOver(execCommand), env: async () => orHandOver(envCommand) },
    argv,
  );
  if (!handOver) return;
  try {
    await fullCli(argv);
  } catch (error) {
    // The split build missing or broken (a partial install): one line, as for a failed load.
    const why = error instanceof Error ? error.message : String(error);
    process.stderr.write(`switchyard: cannot load the full build for this command: ${why}\n`);
    process.exitCode = 1;
  }
}
