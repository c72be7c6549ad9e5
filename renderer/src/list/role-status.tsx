import type { RoleView } from '../../../shared/model';
import { stateText } from '../roles/role-state';
import { Countdown } from './countdown';

/** The right-hand cell of a row: the countdown while a session lives, else the state in words. */
export function RoleStatus({ view, marginMs }: { view: RoleView; marginMs: number }) {
  const { state, expiresAt } = view;
  switch (state) {
    case 'active':
    case 'refreshing':
      return (
        <span className="role-status">
          {state === 'refreshing' && (
            <span className="refresh-mark" aria-hidden="true">
              ↻
            </span>
          )}
          {expiresAt !== undefined ? (
            <Countdown expiresAt={expiresAt} marginMs={marginMs} />
          ) : (
            <span className="state-word">{stateText(state)}</span>
          )}
        </span>
      );
    case 'error':
    case 'expired':
      return <span className="role-status state-word tone-expired">{stateText(state)}</span>;
    case 'needs-mfa':
      return <span className="role-status state-word tone-warning">MFA</span>;
    case 'needs-sign-in':
      return <span className="role-status state-word tone-warning">sign in</span>;
    case 'activating':
      return <span className="role-status state-word">{stateText(state)}</span>;
    case 'inactive':
      return null;
    default: {
      const never: never = state;
      return never;
    }
  }
}
