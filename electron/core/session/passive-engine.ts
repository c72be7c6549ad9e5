import type { Snapshot } from '../../../shared/model';
import type { StateAction, SwitchyardState } from '../refresh/state-model';
import type { EngineParts, EngineStrategy } from './engine-strategy';
import { adoptedSessions, writeRequests } from './state-sync';

/**
 * The engine of a process that is not the refresher: each action becomes a
 * request in the state file for the refresher to carry out, and the view
 * mirrors the refresher's records. It calls no STS and writes no credentials.
 */
export class PassiveEngine implements EngineStrategy {
  readonly #parts: EngineParts;

  constructor(parts: EngineParts) {
    this.#parts = parts;
  }

  get refresher(): Snapshot['refresher'] {
    const { heldBy } = this.#parts.deps;
    return { active: false, ...(heldBy ? { heldBy } : {}) };
  }

  async perform(action: StateAction, roleIds: readonly string[]): Promise<void> {
    const { stateFile, clock, requester } = this.#parts.deps;
    const from = { pid: process.pid, kind: requester ?? 'cli' } as const;
    await writeRequests(stateFile, action, roleIds, from, clock.now());
  }

  renew(roleIds: readonly string[]): Promise<void> {
    return this.perform('refresh', roleIds);
  }

  // Only the refresher writes the credentials file: nothing to write from here.
  async defaultChanged(): Promise<void> {}

  async profileMoved(): Promise<void> {}

  profilesOrphaned(): void {}

  async processRequests(): Promise<number> {
    return 0;
  }

  adoptState(state: SwitchyardState): void {
    const { sessions, publisher } = this.#parts;
    sessions.clear();
    for (const [id, live] of adoptedSessions(state)) sessions.set(id, live);
    publisher.emit();
  }

  schedule(): void {
    // No timers: the refresher refreshes.
  }

  setOnline(): void {}

  stateSetAside(): void {
    // Only the refresher's records go into the file; it rebuilds them.
  }

  async idle(): Promise<void> {}

  async stop(): Promise<void> {}
}
