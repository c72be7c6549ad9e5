import type { RoleView } from '../../../shared/model';
import { LapseNote } from '../glance/lapse-note';
import { stateText } from '../roles/role-state';
import { Countdown } from './countdown';

/**
 * The countdown's amber starts at the margin only where the user must act: a
 * session that renews itself never turns amber (its renewal is due then).
 */
function warnMs(view: RoleView, marginMs: number): number {
  return view.renewal?.kind === 'renews' ? 0 : marginMs;
}

/** Renews itself (↻) or lapses at a time, for a live session. */
function RenewalMark({ view, marginMs }: { view: RoleView; marginMs: number }) {
  const { renewal, state } = view;
  if (renewal?.kind === 'renews')
    return (
      <span
        className={`renew-mark${state === 'refreshing' ? ' is-refreshing' : ''}`}
        role="img"
        aria-label="renews itself"
        title={state === 'refreshing' ? 'Renewing now' : 'Renews itself'}
      >
        ↻
      </span>
    );
  if (renewal?.kind === 'lapses')
    return <LapseNote at={renewal.at} reason={renewal.reason} marginMs={marginMs} />;
  // An engine that says nothing about renewal: the old "being refreshed" mark.
  return state === 'refreshing' ? (
    <span className="refresh-mark" aria-hidden="true">
      ↻
    </span>
  ) : null;
}

/** The right-hand cell of a row: the countdown while a session lives, else the state in words. */
export function RoleStatus({ view, marginMs }: { view: RoleView; marginMs: number }) {
  const { state, expiresAt } = view;
  switch (state) {
    case 'active':
    case 'refreshing':
      return (
        <span className="role-status">
          <RenewalMark view={view} marginMs={marginMs} />
          {expiresAt !== undefined ? (
            <Countdown expiresAt={expiresAt} marginMs={warnMs(view, marginMs)} />
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
