import { useSyncExternalStore } from 'react';
import type { SnapshotStore } from './bridge/snapshot-store';
import { TrayMenu } from './tray-menu';

/** Waits for the first snapshot, then shows the menu; says so plainly if the engine is unreachable. */
export function App({ store }: { store: SnapshotStore }) {
  const { snapshot, loadError } = useSyncExternalStore(store.subscribe, store.get);
  if (snapshot) return <TrayMenu snapshot={snapshot} />;
  return (
    <div className="tray-menu">
      <div className="empty-state">
        {loadError ? (
          <p className="form-error" role="alert">
            Could not load your roles: {loadError}
          </p>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    </div>
  );
}
