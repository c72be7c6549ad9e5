import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { RoleView } from '../../../shared/model';
import { markListCommitted } from '../perf/perf-probe';
import type { ListModel } from '../roles/list-rows';
import { GroupHeader } from './group-header';
import { RoleRow } from './role-row';

export const ROLE_ROW_HEIGHT = 26;
export const GROUP_ROW_HEIGHT = 24;
/** Rows rendered beyond the visible ones, so arrow keys and small scrolls never show a gap. */
const OVERSCAN = 6;

export interface RoleListProps {
  readonly id: string;
  readonly model: ListModel;
  readonly activeId?: string;
  readonly marginMs: number;
  readonly onSelect: (roleId: string) => void;
  readonly onToggle: (view: RoleView) => void;
}

/**
 * The roles as a virtualised listbox: only the rows in view (plus a few) are in
 * the DOM, so 500 roles cost what 20 do. Focus stays in the search box, which
 * points at the active option with aria-activedescendant.
 */
export function RoleList({ id, model, activeId, marginMs, onSelect, onToggle }: RoleListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, roleIds, rowIndexOf } = model;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'group' ? GROUP_ROW_HEIGHT : ROLE_ROW_HEIGHT),
    getItemKey: useCallback((index: number) => rows[index]?.key ?? index, [rows]),
    overscan: OVERSCAN,
    // Render the first screen in the first pass instead of after a measuring one.
    initialRect: { width: 380, height: 480 },
  });

  useLayoutEffect(markListCommitted);

  const activeIndex = activeId === undefined ? undefined : rowIndexOf.get(activeId);
  useLayoutEffect(() => {
    if (activeIndex === undefined) return;
    // The first role of a group brings its heading into view with it.
    const previous = rows[activeIndex - 1];
    const target = previous?.kind === 'group' ? activeIndex - 1 : activeIndex;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  }, [activeIndex, rows, virtualizer]);

  return (
    <div ref={scrollRef} className="role-list-scroll">
      <div
        id={id}
        role="listbox"
        aria-label="Roles"
        className="role-list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          if (row.kind === 'group')
            return <GroupHeader key={row.key} title={row.title} top={item.start} />;
          return (
            <RoleRow
              key={row.key}
              record={row.record}
              active={row.key === activeId}
              position={row.position}
              setSize={roleIds.length}
              top={item.start}
              marginMs={marginMs}
              onSelect={onSelect}
              onToggle={onToggle}
            />
          );
        })}
      </div>
    </div>
  );
}
