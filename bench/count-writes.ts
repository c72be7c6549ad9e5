import { CredentialsFile } from '../electron/core/credentials/credentials-file';

export interface WriteCounter {
  /** Credentials-file writes that changed the file since the start or the last reset(). */
  readonly count: number;
  reset(): void;
  /** Puts the real method back. */
  restore(): void;
}

/** Counts the engine's credentials-file writes (one per round is the rule) through the real code. */
export function countCredentialsWrites(): WriteCounter {
  let writes = 0;
  const realApply = CredentialsFile.prototype.apply;
  CredentialsFile.prototype.apply = async function (this: CredentialsFile, changes) {
    const result = await realApply.call(this, changes);
    if (result.written) writes += 1;
    return result;
  };
  return {
    get count() {
      return writes;
    },
    reset() {
      writes = 0;
    },
    restore() {
      CredentialsFile.prototype.apply = realApply;
    },
  };
}
