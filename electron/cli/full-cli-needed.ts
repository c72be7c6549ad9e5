/**
 * Thrown inside a one-file bundle (exec-main.ts) when a command needs what
 * only the full build holds (the engine, the AWS SDK). Thrown before the
 * command has changed anything, so the full build can run the same command
 * line from the start.
 */
export class FullCliNeeded extends Error {
  override readonly name = 'FullCliNeeded';

  constructor(what: string) {
    super(`${what} is in the full build, not in this bundle`);
  }
}
