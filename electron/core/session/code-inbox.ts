import {
  createCodeKeyPair,
  openCode,
  type CodeKeyPair,
  type SealedCode,
} from '../refresh/sealed-code';
import { dropCodeKey, setCodeKey } from '../refresh/state-changes';
import type { StateFile } from '../refresh/state-file';
import type { StateRequest, SwitchyardState } from '../refresh/state-model';

/** What a sealed code is bound to: its request and role, so it cannot be moved to another request. */
export function codeContext(requestId: string, roleId: string): string {
  return `${requestId} ${roleId}`;
}

/**
 * The refresher's end of the MFA code channel: a key pair made at start, the
 * private half in this process's memory only, the public half published in
 * state.json (and put back if the file lost it, e.g. set aside as damaged).
 * A code opens only for the request it was sealed for, and a request is
 * claimed once under the state file's lock, so each code is used once.
 */
export class CodeInbox {
  readonly #pair: CodeKeyPair = createCodeKeyPair();
  readonly #stateFile: StateFile;
  readonly #now: () => number;
  #closed = false;
  #publishing: Promise<void> | undefined;

  constructor(stateFile: StateFile, now: () => number) {
    this.#stateFile = stateFile;
    this.#now = now;
  }

  /** Puts the public key into the state file (a dead refresher's key is replaced). */
  async publish(): Promise<void> {
    if (this.#closed) return;
    const record = { publicKey: this.#pair.publicKey, pid: process.pid, createdAt: this.#now() };
    await this.#stateFile.update((current) => setCodeKey(current, record));
  }

  /** The state file as just read: publishes the key again if it is no longer there. */
  keep(state: SwitchyardState): void {
    if (this.#closed || this.#publishing || state.codeKey?.publicKey === this.#pair.publicKey)
      return;
    this.#publishing = this.publish()
      .catch(() => undefined) // the next change of the file tries again
      .finally(() => (this.#publishing = undefined));
  }

  /** The code in a request, in clear; throws SealedCodeError (one line) if it was not sealed for it. */
  open(request: StateRequest & { mfaCode: NonNullable<StateRequest['mfaCode']> }): string {
    return openCode(
      this.#pair.privateKey,
      request.mfaCode,
      codeContext(request.id, request.roleId),
    );
  }

  /** A code sealed for a grant (bound to its id and role), in clear; throws SealedCodeError if not. */
  openGrantCode(grantId: string, roleId: string, sealed: SealedCode): string {
    return openCode(this.#pair.privateKey, sealed, codeContext(grantId, roleId));
  }

  /** On stop: the key goes from the file if it is still this one; codes sealed to it are unreadable from now on. */
  async withdraw(): Promise<void> {
    this.#closed = true;
    await this.#publishing;
    const publicKey = this.#pair.publicKey;
    await this.#stateFile.update((current) => dropCodeKey(current, publicKey));
  }
}
