import { type KeyboardEvent, type RefObject, useCallback, useMemo } from 'react';
import type { Snapshot } from '../../../shared/model';
import { markFilterStart } from '../perf/perf-probe';
import { filterRoles } from '../roles/filter-roles';
import { buildListModel } from '../roles/list-rows';
import type { RoleRecord } from '../roles/role-record';
import { EmptyState, NoMatches } from './empty-state';
import { keyCommand, movedPosition } from './key-command';
import { optionId } from './option-id';
import { RoleDetails } from './role-details';
import { RoleList } from './role-list';
import { SearchBox } from './search-box';
import type { RoleActions } from './use-role-actions';

const LIST_ID = 'role-list';

export interface ListViewProps {
  readonly snapshot: Snapshot;
  readonly records: readonly RoleRecord[];
  readonly query: string;
  readonly activeId?: string;
  readonly actions: RoleActions;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly autoFocus: boolean;
  readonly onQuery: (query: string) => void;
  readonly onActive: (roleId: string | undefined) => void;
  readonly onEdit: (roleId: string) => void;
  readonly onAdd: () => void;
  readonly onImport: () => void;
}

/** Search, the grouped list and the selected role's details, driven from the keyboard. */
export function ListView(props: ListViewProps) {
  const { snapshot, records, query, actions, searchRef, autoFocus } = props;
  const { onQuery, onActive, onEdit, onAdd, onImport } = props;
  const filtered = useMemo(() => filterRoles(records, query), [records, query]);
  const model = useMemo(() => buildListModel(filtered), [filtered]);
  // The active role follows the filter: it stays while it still matches, else the first match.
  const activeId =
    props.activeId !== undefined && model.rowIndexOf.has(props.activeId)
      ? props.activeId
      : model.roleIds[0];
  const activeRow =
    activeId === undefined ? undefined : model.rows[model.rowIndexOf.get(activeId) ?? -1];
  const active = activeRow?.kind === 'role' ? activeRow.record : undefined;
  const marginMs = snapshot.settings.refreshMarginSeconds * 1000;

  const toggle = useCallback(
    (view: Parameters<RoleActions['toggle']>[0]) => actions.toggle(view),
    [actions],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const command = keyCommand(event);
    if (!command || command.kind === 'escape') return; // Escape is the popup's (tray-menu.tsx)
    const view = active?.view;
    switch (command.kind) {
      case 'move': {
        const current = activeId === undefined ? -1 : model.roleIds.indexOf(activeId);
        onActive(model.roleIds[movedPosition(current, command.by, model.roleIds.length)]);
        break;
      }
      case 'move-to':
        onActive(command.edge === 'first' ? model.roleIds[0] : model.roleIds.at(-1));
        break;
      case 'toggle':
        if (view) actions.toggle(view);
        break;
      case 'console':
        if (view) actions.openConsole(view, command.mode);
        break;
      case 'copy-export':
        if (view) actions.copyExport(view);
        break;
      case 'copy-terminal':
        if (view) actions.copyForTerminal(view);
        break;
      case 'refresh':
        if (view) actions.refresh(view);
        break;
      case 'make-default':
        if (view) actions.setDefault(view);
        break;
      case 'edit':
        if (view) onEdit(view.role.id);
        break;
      case 'add':
        onAdd();
        break;
      default: {
        const never: never = command;
        return never;
      }
    }
    event.preventDefault();
  };

  if (snapshot.roles.length === 0) return <EmptyState onImport={onImport} onAdd={onAdd} />;
  return (
    <>
      <SearchBox
        inputRef={searchRef}
        autoFocus={autoFocus}
        query={query}
        listId={LIST_ID}
        activeOptionId={activeId === undefined ? undefined : optionId(activeId)}
        onQuery={(next) => {
          markFilterStart();
          onQuery(next);
        }}
        onKeyDown={onKeyDown}
      />
      {model.roleIds.length === 0 ? (
        <NoMatches query={query} />
      ) : (
        <RoleList
          id={LIST_ID}
          model={model}
          activeId={activeId}
          marginMs={marginMs}
          onSelect={onActive}
          onToggle={toggle}
        />
      )}
      {active && (
        <RoleDetails
          record={active}
          marginMs={marginMs}
          actions={actions}
          onEdit={onEdit}
          recentServices={snapshot.settings.recentServices ?? []}
          roles={snapshot.roles}
        />
      )}
    </>
  );
}
