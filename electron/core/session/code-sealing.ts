import { sealCode, type SealedCode } from '../refresh/sealed-code';
import type { RefresherKind } from '../refresh/refresher-lock';
import type { SwitchyardState } from '../refresh/state-model';
import { codeContext } from './code-inbox';

/** A refresher publishes its key as it starts; one that has run longer than this without one never will. */
export const CODE_KEY_GRACE_MS = 15_000;

/** The process holding the refresher lock, as this passive process saw it. */
export interface RefresherHolderInfo {
  readonly pid: number;
  /** Epoch ms when it took the lock. */
  readonly startedAt: number;
  /** 'cli': a one-shot command holds the lock, not a refresher that could be too old. */
  readonly kind?: RefresherKind;
}

export class RefresherKeyError extends Error {
  override readonly name = 'RefresherKeyError';
}

/**
 * Seals an MFA code for the running refresher, bound to the request it travels
 * in. Called inside the state file's update, so the key is the one in the file
 * now. With no key from that refresher it fails in one line: an old refresher
 * (it would drop the code) or one that is still starting.
 */
export function sealForRefresher(
  state: SwitchyardState,
  holder: RefresherHolderInfo | undefined,
  code: string,
  request: { readonly id: string; readonly roleId: string },
  now: number,
): SealedCode {
  const key = state.codeKey;
  if (key && (holder === undefined || key.pid === holder.pid)) {
    return sealCode(key.publicKey, code, codeContext(request.id, request.roleId));
  }
  if (holder?.kind === 'cli') {
    // A command never publishes a key; it ends by itself, and then this one can act.
    throw new RefresherKeyError(
      `another switchyard command (pid ${holder.pid}) is running; wait for it to finish and try again`,
    );
  }
  if (holder && now - holder.startedAt > CODE_KEY_GRACE_MS) {
    throw new RefresherKeyError(
      `the running refresher (pid ${holder.pid}) is too old to take MFA codes; restart it`,
    );
  }
  throw new RefresherKeyError('no refresher key yet; try again');
}
