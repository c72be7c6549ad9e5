import type { Snapshot } from '../../../shared/model';
import type { SessionNotification } from './session-engine';

/**
 * Hands every subscriber a full, frozen snapshot after each change (built once
 * per change, and only when someone looks), and notifications to theirs.
 */
export class SnapshotPublisher {
  readonly #listeners = new Set<(snapshot: Snapshot) => void>();
  readonly #notify = new Set<(n: SessionNotification) => void>();
  #snapshot: Snapshot | undefined;

  constructor(private readonly build: () => Snapshot) {}

  snapshot(): Snapshot {
    this.#snapshot ??= deepFreeze(this.build());
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onNotification(listener: (n: SessionNotification) => void): () => void {
    this.#notify.add(listener);
    return () => this.#notify.delete(listener);
  }

  /** Something changed: drop the cached snapshot and push a new one to every subscriber. */
  emit(): void {
    this.#snapshot = undefined;
    if (this.#listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) listener(snapshot);
  }

  tell(notification: SessionNotification): void {
    for (const listener of this.#notify) listener(notification);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
