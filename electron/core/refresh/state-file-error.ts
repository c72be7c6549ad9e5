/**
 * Why the shared state file could not be used:
 * - corrupt: not JSON, or not the shape we write (kept as is; see StateFile.setAside)
 * - unsupported-version: written by a newer Switchyard; never overwritten by this one
 * - io: the file or its folder cannot be read or written
 * - locked: another process held the update lock for too long
 */
export type StateFileErrorKind = 'corrupt' | 'unsupported-version' | 'io' | 'locked';

export class StateFileError extends Error {
  override readonly name = 'StateFileError';

  constructor(
    readonly kind: StateFileErrorKind,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A file that is not JSON or not the shape we write: the one kind that is set aside and rebuilt. */
export function isCorruptStateFile(error: unknown): error is StateFileError {
  return error instanceof StateFileError && error.kind === 'corrupt';
}
