import { FullCliNeeded } from './full-cli-needed';

/**
 * What `openCliEngine` is in the one-file `exec` bundle (scripts/build-cli.mjs
 * puts this module in place of commands/sessions/engine.ts there): `exec` and
 * `env` without a live session or an endpoint grant need the engine, which is
 * not in that bundle, and nothing has been written yet at that point, so the
 * command line is handed to the full build (exec-main.ts).
 */
export function openCliEngine(): Promise<never> {
  return Promise.reject(new FullCliNeeded('the session engine'));
}
