import type { SwitchyardApi } from '../../../shared/ipc-contract';
import type { Snapshot } from '../../../shared/model';
import { errorMessage } from './error-message';
import { reuseUnchanged } from './reuse-unchanged';

export interface SnapshotState {
  readonly snapshot?: Snapshot;
  /** Why the first snapshot could not be fetched (only while none has arrived). */
  readonly loadError?: string;
}

export interface SnapshotStore {
  get(): SnapshotState;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/**
 * The engine's latest snapshot, for useSyncExternalStore. It subscribes to
 * pushes BEFORE fetching the first snapshot, so a change made between the two
 * is never lost; and once a push has arrived the (older) fetched one is
 * ignored, whichever comes back first.
 */
export function createSnapshotStore(
  api: Pick<SwitchyardApi, 'getSnapshot' | 'onSnapshot'>,
  onFirstSnapshot?: () => void,
): SnapshotStore {
  let state: SnapshotState = {};
  let pushed = false;
  const listeners = new Set<() => void>();

  const publish = (next: SnapshotState) => {
    if (!state.snapshot && next.snapshot) onFirstSnapshot?.();
    state = next;
    for (const listener of listeners) listener();
  };
  const accept = (snapshot: Snapshot) =>
    publish({ snapshot: reuseUnchanged(state.snapshot, snapshot) });

  const unsubscribe = api.onSnapshot((snapshot) => {
    pushed = true;
    accept(snapshot);
  });
  api.getSnapshot().then(
    (snapshot) => {
      if (!pushed) accept(snapshot);
    },
    (error: unknown) => {
      if (!pushed) publish({ loadError: errorMessage(error) });
    },
  );

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      listeners.clear();
    },
  };
}
