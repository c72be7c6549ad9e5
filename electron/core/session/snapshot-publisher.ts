import type { Snapshot } from '../../../shared/model';
import type { SessionNotification } from './session-engine';
import { oneLine } from './session-failure';

/** Notifications told before anyone listens (start-up problems) are kept for the first listener, up to this many. */
const MAX_EARLY_NOTIFICATIONS = 20;

/**
 * Hands every subscriber a full, frozen snapshot after each change (built once
 * per change, and only when someone looks), and notifications to theirs.
 *
 * It is also the engine's one error path: a listener that throws, or a fault
 * in a timer or a watcher callback (see `reportError`), becomes one 'internal'
 * notification, so no callback the engine registers can end the process.
 */
export class SnapshotPublisher {
  readonly #listeners = new Set<(snapshot: Snapshot) => void>();
  readonly #notify = new Set<(n: SessionNotification) => void>();
  #snapshot: Snapshot | undefined;
  /** Until the first notification listener: what was told meanwhile. */
  #early: SessionNotification[] | undefined = [];

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
    const early = this.#early ?? [];
    this.#early = undefined;
    for (const notification of early) this.#deliver(listener, notification);
    return () => this.#notify.delete(listener);
  }

  /** Something changed: drop the cached snapshot and push a new one to every subscriber. */
  emit(): void {
    this.#snapshot = undefined;
    if (this.#listeners.size === 0) return;
    let snapshot: Snapshot;
    try {
      snapshot = this.snapshot();
    } catch (error) {
      this.reportError('building the snapshot', error);
      return;
    }
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        this.reportError('a snapshot listener', error);
      }
    }
  }

  tell(notification: SessionNotification): void {
    if (this.#early) {
      if (this.#early.length < MAX_EARLY_NOTIFICATIONS) this.#early.push(notification);
      return;
    }
    for (const listener of this.#notify) this.#deliver(listener, notification);
  }

  /** The one path for faults in callbacks: one line, to whoever logs notifications. */
  reportError(where: string, error: unknown): void {
    this.tell({
      kind: 'internal',
      roleId: '',
      title: `Switchyard: ${where} failed`,
      body: oneLine(error),
    });
  }

  #deliver(listener: (n: SessionNotification) => void, notification: SessionNotification): void {
    try {
      listener(notification);
    } catch (error) {
      // The listener that would log this is the one that failed: the last resort is stderr.
      process.stderr.write(`switchyard: a notification listener failed: ${oneLine(error)}\n`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
