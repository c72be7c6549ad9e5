import type { RoleView } from '../../../shared/model';
import { groupedAccountId } from '../../../shared/account-name';
import type { RoleRecord } from '../roles/role-record';
import { hasSession, isSessionOn, stateText } from '../roles/role-state';
import { Countdown } from './countdown';
import { ErrorBox } from './error-box';
import { OpenInMenu } from './open-in-menu';
import type { RoleActions } from './use-role-actions';

export interface RoleDetailsProps {
  readonly record: RoleRecord;
  readonly marginMs: number;
  readonly actions: RoleActions;
  readonly onEdit: (roleId: string) => void;
  /** Console services opened lately, most recent first ("Open in…" lists them first). */
  readonly recentServices?: readonly string[];
  /** Every role, to name the one a failed role is chained from. */
  readonly roles?: readonly RoleView[];
}

// One formatter for the page: creating one per call is the slow part of Intl.
const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function expiryClock(expiresAt: number): string {
  return clockTime.format(expiresAt);
}

/** A role waiting for an MFA code: the caret goes to the code field of its prompt. */
function focusMfaCode(roleId: string): void {
  document.querySelector<HTMLInputElement>(`[data-mfa-roles~="${CSS.escape(roleId)}"]`)?.focus();
}

/** The selected role in full, with every per-role verb and its shortcut. */
export function RoleDetails({
  record,
  marginMs,
  actions,
  onEdit,
  recentServices = [],
  roles = [],
}: RoleDetailsProps) {
  const { view, accountId } = record;
  // The account as its heading names it: its alias, else the role's group.
  const accountName = view.account?.alias ?? view.role.group;
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
        {accountName ? `${accountName} · ` : ''}
        {groupedAccountId(accountId)} · {record.roleName} · profile {role.profile}
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
        <ErrorBox
          view={view}
          roles={roles}
          retryText={
            error.retryAt === undefined ? undefined : `Retrying at ${expiryClock(error.retryAt)}.`
          }
          onAction={(kind) => {
            if (kind === 'copy-for-admin') actions.copyForAdmin(view);
            else if (kind === 'edit-role') onEdit(role.id);
            else actions.toggle(view);
          }}
        />
      )}
      <div className="details-actions">
        {state === 'needs-mfa' ? (
          <>
            <button type="button" className="primary" onClick={() => focusMfaCode(role.id)}>
              Enter code
            </button>
            <button type="button" onClick={() => actions.toggle(view)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => actions.toggle(view)}
            title="Enter"
          >
            {on ? 'Deactivate' : state === 'error' || state === 'expired' ? 'Retry' : 'Activate'}
          </button>
        )}
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
          // A role waiting for its Identity Center sign-in has one action: the session's prompt.
          disabled={state === 'needs-sign-in'}
          title={
            state === 'needs-sign-in'
              ? 'Sign in to its Identity Center session first'
              : live
                ? 'Ctrl/⌘ Shift O'
                : 'Ctrl/⌘ Shift O (activates the role first)'
          }
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
