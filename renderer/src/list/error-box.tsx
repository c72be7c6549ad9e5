import { useEffect, useId, useState } from 'react';
import { explainView } from '../../../shared/explain-error';
import type { RoleView } from '../../../shared/model';
import { errorLine } from '../roles/error-text';

export interface ErrorBoxProps {
  readonly view: RoleView;
  /** Every role, to name the one this role is chained from. */
  readonly roles: readonly RoleView[];
  /** Retry when its time is known ("Retrying at 14:05."). */
  readonly retryText?: string;
  /** Runs the explanation's action (copy for the admin, MFA, sign-in, edit). */
  readonly onAction: (kind: string) => void;
}

/**
 * A failed role's error: what went wrong and how to fix it, with a button for
 * the fix where the tray can do it, and AWS's own message one button away.
 * The text wraps; nothing is cut off.
 */
export function ErrorBox({ view, roles, retryText, onAction }: ErrorBoxProps) {
  const [showAws, setShowAws] = useState(false);
  const detailId = useId();
  useEffect(() => setShowAws(false), [view.role.id]);
  const explained = explainView(view, roles);
  if (!explained || !view.error) return null;
  const { sentence, fix, action } = explained;
  const hasMore = sentence !== explained.detail;
  // "Retry" is already the role's main button.
  const ownAction = action && action.kind !== 'retry' ? action : undefined;
  return (
    <div className="details-error" data-testid="role-error">
      <p className="error-sentence">
        {sentence}
        {retryText && <> {retryText}</>}
      </p>
      {fix && <p className="error-fix">{fix}</p>}
      {(ownAction || hasMore) && (
        <div className="error-actions">
          {ownAction && (
            <button type="button" onClick={() => onAction(ownAction.kind)}>
              {ownAction.label}
            </button>
          )}
          {hasMore && (
            <button
              type="button"
              className="link-button"
              aria-expanded={showAws}
              aria-controls={detailId}
              onClick={() => setShowAws((shown) => !shown)}
            >
              {showAws ? 'Hide AWS’s message' : 'Show AWS’s message'}
            </button>
          )}
        </div>
      )}
      <p id={detailId} className="error-detail" data-testid="aws-message" hidden={!showAws}>
        {errorLine(view.error)}
      </p>
    </div>
  );
}
