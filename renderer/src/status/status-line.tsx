import type { Status } from './status';

/**
 * The footer message. Both live regions are always in the DOM so screen readers
 * announce a change; errors are assertive, confirmations polite. A message
 * takes the footer's whole width and wraps: it is never cut off.
 */
export function StatusLine({ status, onDismiss }: { status?: Status; onDismiss: () => void }) {
  const error = status?.tone === 'error' ? status.text : '';
  const info = status?.tone === 'info' ? status.text : '';
  return (
    <div className={status ? 'status-line has-message' : 'status-line'}>
      <span role="alert" className="status-error">
        {error}
      </span>
      <span role="status" className="status-info">
        {info}
      </span>
      {status && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
