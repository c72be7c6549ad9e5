import type { PendingRemoval } from './pending-removal';
import { shortcutText } from './shortcut-text';

/** "Removed Prod admin · Undo" while a removal can still be taken back. */
export function UndoBar({ pending, onUndo }: { pending?: PendingRemoval; onUndo: () => void }) {
  if (!pending) return null;
  return (
    <div className="undo-bar" data-testid="undo-bar">
      <span className="undo-text">Removed {pending.label}</span>
      <span aria-hidden="true"> · </span>
      <button
        type="button"
        className="link-button"
        onClick={onUndo}
        aria-keyshortcuts="Control+Z Meta+Z"
      >
        Undo
      </button>
      <span className="undo-hint muted">{shortcutText('Z')}</span>
    </div>
  );
}
