import { errorText } from '../roles/error-text';
import type { RoleRecord } from '../roles/role-record';
import { hasSession, isSessionOn, stateText } from '../roles/role-state';
import { Countdown } from './countdown';
import { OpenInMenu } from './open-in-menu';
import type { RoleActions } from './use-role-actions';

export interface RoleDetailsProps {
  readonly record: RoleRecord;
  readonly marginMs: number;
  readonly actions: RoleActions;
  readonly onEdit: (roleId: string) => void;
  /** Console services opened lately, most recent first ("Open in…" lists them first). */
  readonly recentServices?: readonly string[];
}

// One formatter for the page: creating one per call is the slow part of Intl.
const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function expiryClock(expiresAt: number): string {
  return clockTime.format(expiresAt);
}

/** The selected role in full, with every per-role verb and its shortcut. */
export function RoleDetails({
  record,
  marginMs,
  actions,
  onEdit,
  recentServices = [],
}: RoleDetailsProps) {
  const { view, accountId } = record;
  const { role, state, expiresAt, error, chained, isDefault } = view;
  const on = isSessionOn(state);
  const live = hasSession(state);
  return (
    <section className="role-details" aria-label={`${role.label} details`}>
      <div className="details-line">
        <strong className="details-label">{role.label}</strong>
        <span className={`details-state state-${state}`}>{stateText(state)}</span>
        {live && expiresAt !== undefined && (
          <span className="details-expiry">
            <Countdown expiresAt={expiresAt} marginMs={marginMs} /> left, until{' '}
            {expiryClock(expiresAt)}
          </span>
        )}
      </div>
      <div className="details-line muted" title={role.roleArn}>
        {role.group ? `${role.group} · ` : ''}
        {accountId} · {record.roleName} · profile {role.profile}
      </div>
      {role.subscription && (
        <div className="details-line muted" data-testid="role-subscription">
          From team catalog {role.subscription}: its ARN, source, external ID and duration are
          changed upstream.
        </div>
      )}
      {chained && (
        <div className="details-line muted">
          Assumed with temporary credentials: AWS caps this session at 1 hour.
        </div>
      )}
      {error && (
        // Focusable: the box scrolls, and its full text must be reachable by keyboard.
        <div className="details-error" data-testid="role-error" tabIndex={0}>
          {errorText(error).code && <span className="error-code">{error.code} </span>}
          {errorText(error).message}
          {error.retryAt !== undefined && <> Retrying at {expiryClock(error.retryAt)}.</>}
        </div>
      )}
      <div className="details-actions">
        <button
          type="button"
          className="primary"
          onClick={() => actions.toggle(view)}
          title="Enter"
        >
          {on ? 'Deactivate' : state === 'error' || state === 'expired' ? 'Retry' : 'Activate'}
        </button>
        <button
          type="button"
          onClick={() => actions.openConsole(view, 'switch-role')}
          title="Ctrl/⌘ O"
        >
          Console
        </button>
        <OpenInMenu
          label={role.label}
          recent={recentServices}
          onOpen={(service) => actions.openConsoleAt(view, service)}
        />
        <button
          type="button"
          onClick={() => actions.openConsole(view, 'federated')}
          disabled={!live}
          title={live ? 'Ctrl/⌘ Shift O' : 'Sign-in needs an active session'}
        >
          Sign in
        </button>
        <button
          type="button"
          onClick={() => actions.copyExport(view)}
          title={live ? 'Ctrl/⌘ Shift C' : 'Ctrl/⌘ Shift C (activates the role first)'}
        >
          Copy export
        </button>
        <button
          type="button"
          onClick={() => actions.copyForTerminal(view)}
          title="Ctrl/⌘ T: a switchyard env line for one shell; activates nothing"
        >
          Copy for terminal
        </button>
      </div>
      <div className="details-actions secondary">
        <button
          type="button"
          onClick={() => actions.refresh(view)}
          disabled={!live}
          title="Ctrl/⌘ R"
        >
          Refresh now
        </button>
        <button type="button" onClick={() => actions.setDefault(view)} title="Ctrl/⌘ D">
          {isDefault ? 'Unset default' : 'Make default'}
        </button>
        <button type="button" onClick={() => onEdit(role.id)} title="Ctrl/⌘ E">
          Edit…
        </button>
        {/* No confirm: the removal waits a few seconds with an Undo (pending-removal.ts). */}
        <button type="button" onClick={() => actions.remove(view)}>
          Remove
        </button>
      </div>
    </section>
  );
}
