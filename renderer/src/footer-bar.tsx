import type { Snapshot } from '../../shared/model';
import { StatusLine } from './status/status-line';
import type { Status } from './status/status';

export interface FooterBarProps {
  readonly snapshot: Snapshot;
  readonly status?: Status;
  readonly showMenu: boolean;
  readonly onDismiss: () => void;
  readonly onAdd: () => void;
  readonly onImport: () => void;
  readonly onSettings: () => void;
  readonly onActivity: () => void;
  readonly onIdentityCenter: () => void;
}

/** The bottom bar: the last message (or who refreshes sessions), and the popup's own verbs. */
export function FooterBar(props: FooterBarProps) {
  const { snapshot, status, showMenu, onDismiss, onAdd, onImport, onSettings, onActivity } = props;
  const { onIdentityCenter } = props;
  const { refresher } = snapshot;
  // Forms have their own buttons: an empty bar under them would only look unfinished.
  if (!showMenu && !status && refresher.active) return null;
  return (
    <footer className="footer-bar">
      <StatusLine status={status} onDismiss={onDismiss} />
      {!status && !refresher.active && (
        <span className="footer-note" title="Only one process refreshes sessions at a time">
          Refreshed by {refresher.heldBy ?? 'another Switchyard process'}
        </span>
      )}
      {showMenu && (
        <nav className="footer-menu" aria-label="Switchyard">
          <button type="button" className="link-button" onClick={onAdd} title="Ctrl/⌘ N">
            Add role
          </button>
          <button type="button" className="link-button" onClick={onImport}>
            Import…
          </button>
          <button type="button" className="link-button" onClick={onIdentityCenter}>
            Identity Center
          </button>
          <button type="button" className="link-button" onClick={onActivity}>
            Activity
          </button>
          <button type="button" className="link-button" onClick={onSettings}>
            Settings
          </button>
        </nav>
      )}
    </footer>
  );
}
