import { assumeCommand } from './commands/assume';
import { runCli } from './run-cli';

/**
 * `switchyard assume` on its own: bin/switchyard loads this, bundled into one
 * CommonJS file (dist/cli/assume.cjs, scripts/build-cli.mjs), for that one
 * command. A cold `assume` is a user waiting on a shell prompt; loading it from
 * the split build's modules cost about 40 ms of CPU more than one file (each
 * module resolved, read and linked by the ES module loader). What it reaches
 * only past plain keys (the AWS SDK's gateway) stays in the split build.
 */
export function run(argv: readonly string[]): Promise<void> {
  return runCli({ assume: () => Promise.resolve(assumeCommand) }, argv);
}
