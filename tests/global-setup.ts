import { execFileSync } from 'node:child_process';

// Integration tests drive ./bin/switchyard as a user would; build its bundle from
// the current sources first so they never run a stale dist/.
export function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
