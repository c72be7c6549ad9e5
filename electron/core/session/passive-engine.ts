import type { Snapshot } from '../../../shared/model';
import type { TimerHandle } from '../refresh/clock';
import type { StateAction, StateResult, SwitchyardState } from '../refresh/state-model';
import { sealForRefresher } from './code-sealing';
import type { EngineParts, EngineStrategy } from './engine-strategy';
import { mfaSourceKey } from './role-sources';
import { adoptedSessions, writeRequests, type CodeSealer } from './state-sync';

/** How long an MFA code sent to the refresher waits for its answer. */
export const CODE_ANSWER_TIMEOUT_MS = 60_000;

interface Waiter {
  readonly resolve: (result: StateResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: TimerHandle;
}

/**
 * The engine of a process that is not the refresher: each action becomes a
 * request in the state file for the refresher to carry out, and the view
 * mirrors the refresher's records. It calls no STS and writes no credentials.
 * An MFA code goes to the refresher sealed to its published key.
 */
export class PassiveEngine implements EngineStrategy {
  readonly #parts: EngineParts;
  readonly #waiters = new Map<string, Waiter>();

  constructor(parts: EngineParts) {
    this.#parts = parts;
  }

  get refresher(): Snapshot['refresher'] {
    const { heldBy } = this.#parts.deps;
    return { active: false, ...(heldBy ? { heldBy } : {}) };
  }

  async perform(action: StateAction, roleIds: readonly string[]): Promise<void> {
    await this.#request(action, roleIds);
  }

  renew(roleIds: readonly string[]): Promise<void> {
    return this.perform('refresh', roleIds);
  }

  // Only the refresher writes the credentials file: nothing to write from here.
  async defaultChanged(): Promise<void> {}

  /** The refresher sees the catalog change too (it watches the file) and moves the profiles. */
  async catalogChanged(): Promise<void> {}

  /** Sends the code sealed to the refresher's key with an activation, and waits for its answer. */
  async useMfaCode(roleId: string, tokenCode: string): Promise<void> {
    const { deps } = this.#parts;
    const holder = deps.refresherHolder;
    const seal: CodeSealer = (current, request) =>
      sealForRefresher(current, holder, tokenCode, request, deps.clock.now());
    const [id] = await this.#request('activate', [roleId], seal);
    const result = await this.#answer(id!);
    if (!result.ok) throw new Error(result.message ?? 'the refresher could not use the MFA code');
  }

  async processRequests(): Promise<number> {
    return 0;
  }

  adoptState(state: SwitchyardState): void {
    const { sessions, publisher, deps } = this.#parts;
    sessions.clear();
    for (const [id, live] of adoptedSessions(state)) {
      sessions.set(id, live);
      // The refresher's roles waiting for a code become this process's prompts.
      const role = live.state === 'needs-mfa' ? deps.catalog.find(id) : undefined;
      const sourceKey = role ? mfaSourceKey(role) : undefined;
      if (role?.mfaSerial && sourceKey) sessions.waitForMfa(sourceKey, role.mfaSerial, id);
    }
    for (const result of state.results) {
      const waiter = this.#waiters.get(result.id);
      if (!waiter) continue;
      this.#waiters.delete(result.id);
      deps.clock.clearTimeout(waiter.timer);
      waiter.resolve(result);
    }
    publisher.emit();
  }

  async start(): Promise<void> {}

  schedule(): void {
    // No timers: the refresher refreshes.
  }

  setOnline(): void {}

  stateSetAside(): void {
    // Only the refresher's records go into the file; it rebuilds them.
  }

  async idle(): Promise<void> {}

  async stop(): Promise<void> {
    for (const [id, waiter] of this.#waiters) {
      this.#parts.deps.clock.clearTimeout(waiter.timer);
      waiter.reject(new Error('stopped before the refresher answered'));
      this.#waiters.delete(id);
    }
  }

  #request(action: StateAction, roleIds: readonly string[], seal?: CodeSealer): Promise<string[]> {
    const { stateFile, clock, requester } = this.#parts.deps;
    const from = { pid: process.pid, kind: requester ?? 'cli' } as const;
    return writeRequests(stateFile, action, roleIds, from, clock.now(), seal);
  }

  /** The refresher's result for request `id`, as the state file brings it (adoptState). */
  #answer(id: string): Promise<StateResult> {
    const { clock } = this.#parts.deps;
    return new Promise((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        this.#waiters.delete(id);
        reject(
          new Error(
            `the running refresher did not answer within ${CODE_ANSWER_TIMEOUT_MS / 1000} s; is it stuck?`,
          ),
        );
      }, CODE_ANSWER_TIMEOUT_MS);
      this.#waiters.set(id, { resolve, reject, timer });
    });
  }
}
