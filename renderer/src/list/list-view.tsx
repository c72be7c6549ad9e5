import { type RefObject, useCallback, useMemo } from 'react';
import type { Snapshot } from '../../../shared/model';
import { GlanceLine } from '../glance/glance-line';
import { SearchHint, SEARCH_HINT_ID } from '../glance/search-hint';
import { searchHint, parseSearch } from '../glance/search-query';
import { usePinnedModel } from '../glance/use-pinned-model';
import { markFilterStart } from '../perf/perf-probe';
import { filterRoles } from '../roles/filter-roles';
import type { RoleRecord } from '../roles/role-record';
import { EmptyState, NoMatches } from './empty-state';
import { ShortcutHints } from '../keys/shortcut-hints';
import { useListKeys } from '../keys/use-list-keys';
import { type KeyCommand, movedPosition } from './key-command';
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
  /** A heading's Rename: opens the account's name and colour. */
  readonly onRenameAccount?: (accountId: string) => void;
}

/** Search, the grouped list and the selected role's details, driven from the keyboard. */
export function ListView(props: ListViewProps) {
  const { snapshot, records, query, actions, searchRef, autoFocus } = props;
  const { onQuery, onActive, onEdit, onAdd, onImport } = props;
  const marginMs = snapshot.settings.refreshMarginSeconds * 1000;
  const search = useMemo(() => parseSearch(query), [query]);
  const filtered = useMemo(() => filterRoles(records, search), [records, search]);
  const model = usePinnedModel(filtered, records, marginMs);
  const hint = searchHint(search);
  // The active role follows the filter: it stays while it still matches, else the first match.
  const activeId =
    props.activeId !== undefined && model.rowIndexOf.has(props.activeId)
      ? props.activeId
      : model.roleIds[0];
  const activeRow =
    activeId === undefined ? undefined : model.rows[model.rowIndexOf.get(activeId) ?? -1];
  const active = activeRow?.kind === 'role' ? activeRow.record : undefined;

  const toggle = useCallback(
    (view: Parameters<RoleActions['toggle']>[0]) => actions.toggle(view),
    [actions],
  );

  const run = (command: KeyCommand): boolean => {
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
      case 'undo': // in every view, not only the list's (keys/use-undo-key.ts)
      case 'escape':
        return false; // the popup's (tray-menu.tsx)
      default: {
        const never: never = command;
        return never;
      }
    }
    return true;
  };
  useListKeys(searchRef, run);

  // Removing a role selects the one after it (else before it), and typing
  // stays in the search box, which points at it: focus never drops to <body>.
  const listActions = useMemo<RoleActions>(
    () => ({
      ...actions,
      remove: (view) => {
        const at = model.roleIds.indexOf(view.role.id);
        onActive(model.roleIds[at + 1] ?? model.roleIds[at - 1]);
        actions.remove(view);
        searchRef.current?.focus();
      },
    }),
    [actions, model, onActive, searchRef],
  );

  if (records.length === 0) return <EmptyState onImport={onImport} onAdd={onAdd} />;
  return (
    <>
      <SearchBox
        inputRef={searchRef}
        autoFocus={autoFocus}
        query={query}
        listId={model.roleIds.length > 0 ? LIST_ID : undefined}
        activeOptionId={activeId === undefined ? undefined : optionId(activeId)}
        onQuery={(next) => {
          markFilterStart();
          onQuery(next);
        }}
        describedBy={hint === undefined ? undefined : SEARCH_HINT_ID}
      />
      {hint !== undefined && <SearchHint text={hint} />}
      <GlanceLine views={snapshot.roles} query={query} onQuery={onQuery} onActive={onActive} />
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
          onRenameAccount={props.onRenameAccount}
        />
      )}
      {active && (
        <RoleDetails
          record={active}
          marginMs={marginMs}
          actions={listActions}
          onEdit={onEdit}
          recentServices={snapshot.settings.recentServices ?? []}
          roles={snapshot.roles}
        />
      )}
      {active && <ShortcutHints />}
    </>
  );
}
