import {
  NEW_LIVE,
  transition,
  type Live,
  type LiveEffect,
  type LiveEvent,
  type LiveRole,
} from './live-session';

interface MfaWait {
  readonly mfaSerial: string;
  roleIds: string[];
}

/**
 * Every active role's Live session, and the roles waiting for an MFA code per
 * source identity. Changes go through the state machine (`apply`); the caller
 * carries out the effects it returns.
 */
export class LiveSessions {
  readonly #live = new Map<string, Live>();
  readonly #mfaWaiting = new Map<string, MfaWait>();
  /** Identity Center session name -> the roles waiting for someone to sign in to it. */
  readonly #signInWaiting = new Map<string, string[]>();

  get(roleId: string): Live | undefined {
    return this.#live.get(roleId);
  }

  has(roleId: string): boolean {
    return this.#live.has(roleId);
  }

  ids(): string[] {
    return [...this.#live.keys()];
  }

  entries(): [string, Live][] {
    return [...this.#live];
  }

  /** Recovery and the passive view set sessions wholesale. */
  set(roleId: string, live: Live): void {
    this.#live.set(roleId, live);
  }

  delete(roleId: string): void {
    this.#live.delete(roleId);
  }

  /** The passive view starts over from the refresher's records: its sessions and its prompts. */
  clear(): void {
    this.#live.clear();
    this.#mfaWaiting.clear();
    this.#signInWaiting.clear();
  }

  /** Runs one event through the state machine and keeps the result. */
  apply(event: LiveEvent, role: LiveRole): readonly LiveEffect[] {
    const { live, effects } = transition(this.#live.get(role.id) ?? NEW_LIVE, event, role);
    // Out of needs-sign-in (signed in, turned off): the next loss of the token is told anew.
    if (live?.state !== 'needs-sign-in') this.#dropSignInWait(role.id);
    if (live) this.#live.set(role.id, live);
    else {
      this.#live.delete(role.id);
      for (const waiting of this.#mfaWaiting.values())
        waiting.roleIds = waiting.roleIds.filter((id) => id !== role.id);
    }
    return effects;
  }

  /** The scheduler found these due: a round will take them (the event needs no role). */
  markPlanned(roleIds: readonly string[]): void {
    for (const id of roleIds) {
      const live = this.#live.get(id);
      if (!live) continue;
      const role = { id, label: id, profile: live.profile ?? '' };
      this.#live.set(id, transition(live, { type: 'planned' }, role).live ?? live);
    }
  }

  /** The role now waits for a code on `sourceKey` (one prompt per source identity). */
  waitForMfa(sourceKey: string, mfaSerial: string, roleId: string): void {
    const waiting = this.#mfaWaiting.get(sourceKey) ?? { mfaSerial, roleIds: [] };
    if (!waiting.roleIds.includes(roleId)) waiting.roleIds.push(roleId);
    this.#mfaWaiting.set(sourceKey, waiting);
  }

  mfaWaitingOn(
    sourceKey: string,
  ): { readonly mfaSerial: string; readonly roleIds: readonly string[] } | undefined {
    return this.#mfaWaiting.get(sourceKey);
  }

  /** The code arrived: nobody waits on this source any more. */
  endMfaWait(sourceKey: string): void {
    this.#mfaWaiting.delete(sourceKey);
  }

  /**
   * The role now waits for a sign-in to `session`. True when it is the first:
   * the user is told once per session, not once per role.
   */
  waitForSignIn(session: string, roleId: string): boolean {
    const waiting = this.#signInWaiting.get(session);
    if (!waiting) {
      this.#signInWaiting.set(session, [roleId]);
      return true;
    }
    if (!waiting.includes(roleId)) waiting.push(roleId);
    return false;
  }

  #dropSignInWait(roleId: string): void {
    for (const [session, roleIds] of this.#signInWaiting) {
      const left = roleIds.filter((id) => id !== roleId);
      if (left.length > 0) this.#signInWaiting.set(session, left);
      else this.#signInWaiting.delete(session);
    }
  }

  /** For the snapshot (it copies the lists). */
  mfaWaiting(): ReadonlyMap<string, { mfaSerial: string; roleIds: readonly string[] }> {
    return this.#mfaWaiting;
  }
}
