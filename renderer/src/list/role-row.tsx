import { memo } from 'react';
import { groupedAccountId } from '../../../shared/account-name';
import type { RoleView } from '../../../shared/model';
import { errorLine } from '../roles/error-text';
import type { RoleRecord } from '../roles/role-record';
import { hasSession, isSessionOn, stateText } from '../roles/role-state';
import { optionId } from './option-id';
import { RoleDot } from './role-dot';
import { RoleStatus } from './role-status';

export interface RoleRowProps {
  readonly record: RoleRecord;
  readonly active: boolean;
  readonly position: number;
  readonly setSize: number;
  /** Pixel offset inside the virtualised list. */
  readonly top: number;
  readonly marginMs: number;
  readonly onSelect: (roleId: string) => void;
  readonly onToggle: (view: RoleView) => void;
  /** In the pinned section, where no heading names the role's account. */
  readonly pinned?: boolean;
}

function metaText(record: RoleRecord, pinned: boolean): string {
  const { role, account } = record.view;
  // Under a heading that names the account, the row shows only what is its own;
  // a pinned row has no such heading above it.
  if (!pinned && record.groupKey.startsWith('account:')) return role.profile;
  return `${role.profile} · ${account?.alias ?? groupedAccountId(record.accountId)}`;
}

/** One role in the list: colour, label, profile and account, state or countdown. */
export const RoleRow = memo(function RoleRow(props: RoleRowProps) {
  const { record, active, position, setSize, top, marginMs, onSelect, onToggle } = props;
  const { view } = record;
  const { role, state, error, isDefault } = view;
  const on = isSessionOn(state);
  const classes = ['role-row', `state-${state}`, active ? 'is-active' : ''].join(' ');
  return (
    <div
      role="option"
      id={optionId(role.id)}
      aria-selected={active}
      aria-posinset={position + 1}
      aria-setsize={setSize}
      className={classes}
      title={error ? errorLine(error) : undefined}
      style={{ transform: `translateY(${top}px)` }}
      data-role-id={role.id}
      // Keep focus in the search box, as a native menu keeps it on itself.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onSelect(role.id)}
      onDoubleClick={() => onToggle(view)}
    >
      <RoleDot
        color={role.color}
        on={on}
        onToggle={() => onToggle(view)}
        title={on ? 'Deactivate' : 'Activate'}
      />
      <span className="role-label">{role.label}</span>
      {isDefault && <span className="role-badge">default</span>}
      <span className="role-meta">{metaText(record, props.pinned === true)}</span>
      {/* The row's own text is its accessible name; these say what only colour and a tooltip show. */}
      {hasSession(state) && <span className="sr-only">, {stateText(state)}</span>}
      <RoleStatus view={view} marginMs={marginMs} />
      {error && <span className="sr-only">, {errorLine(error)}</span>}
    </div>
  );
});
