import {
  type ReactNode,
  type UIEvent,
  useCallback,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
} from 'react';
import { flushSync } from 'react-dom';
import type { RoleView } from '../../../shared/model';
import { markListCommitted } from '../perf/perf-probe';
import type { ListModel } from '../roles/list-rows';
import { RenameButtons } from '../accounts/rename-buttons';
import { GroupHeader } from './group-header';
import { optionId } from './option-id';
import { RoleRow } from './role-row';
import {
  maxScroll,
  rowOffsets,
  type RowOffsets,
  type RowRange,
  sameRange,
  scrollToShow,
  visibleRange,
} from './row-window';

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
  /** Opens the account editor from a heading's Rename button. */
  readonly onRenameAccount?: (accountId: string) => void;
}

/** The list's scroll position and height, as last read from the DOM. */
interface Viewport {
  readonly scrollTop: number;
  /** undefined until the first layout has been observed. */
  readonly height?: number;
}

/**
 * The rows to render. Before the list's height is known (the first render,
 * before any layout) the window's height stands in, as the list can be no
 * taller, and the rows below the fold are left for after the first frame.
 */
function rangeFor(offsets: RowOffsets, viewport: Viewport): RowRange {
  return viewport.height === undefined
    ? visibleRange(offsets, viewport.scrollTop, window.innerHeight, 0)
    : visibleRange(offsets, viewport.scrollTop, viewport.height, OVERSCAN);
}

/**
 * The roles as a virtualised listbox: only the rows in view (plus a few) are in
 * the DOM, so 500 roles cost what 20 do. Focus stays in the search box, which
 * points at the active option with aria-activedescendant (the list itself is a
 * tab stop too, pointing the same way).
 *
 * Rows have fixed heights, so nothing is measured: the first render, before
 * any layout, shows the rows that fit in the window (the list can be no
 * taller) without reading the DOM; a ResizeObserver brings the list's real
 * height, and the first scroll or key press renders the overscan from it.
 */
export function RoleList(props: RoleListProps) {
  const { id, model, activeId, marginMs, onSelect, onToggle, onRenameAccount } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, roleIds, rowIndexOf } = model;
  const offsets = useMemo(
    () =>
      rowOffsets(rows.length, (index) =>
        rows[index]?.kind === 'group' ? GROUP_ROW_HEIGHT : ROLE_ROW_HEIGHT,
      ),
    [rows],
  );
  // The latest position, read by render; only a change of the rendered rows or
  // of the height re-renders the list, not every scroll event.
  const latest = useRef<Viewport>({ scrollTop: 0 });
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const range = rangeFor(offsets, latest.current);
  const rendered = useRef({ range, offsets });
  rendered.current = { range, offsets };
  const follow = useCallback((next: Viewport) => {
    latest.current = next;
    const { range: shown, offsets: current } = rendered.current;
    if (!sameRange(shown, rangeFor(current, next))) rerender();
  }, []);

  useLayoutEffect(markListCommitted);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // Called after layout, before the paint, so reading the height forces none.
    const observer = new ResizeObserver(() => {
      const next = { scrollTop: element.scrollTop, height: element.clientHeight };
      latest.current = next;
      const { range: shown, offsets: current } = rendered.current;
      const inView = visibleRange(current, next.scrollTop, next.height, 0);
      // Rows in view missing (the list grew): render them before this frame is painted.
      if (inView.first < shown.first || inView.last > shown.last) flushSync(rerender);
      // Else the rows already cover the view, as after the first render: the
      // overscan (and dropping rows below it) waits for the next scroll or key.
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [follow]);

  const activeIndex = activeId === undefined ? undefined : rowIndexOf.get(activeId);
  const mounted = useRef(false);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const firstRun = !mounted.current;
    mounted.current = true;
    if (activeIndex === undefined || !element) return;
    // The first role of a group brings its heading into view with it.
    const previous = rows[activeIndex - 1];
    const from = previous?.kind === 'group' ? activeIndex - 1 : activeIndex;
    // A new list is at the top: a row starting there is in view, no layout to read.
    if (firstRun && offsets.starts[from] === 0) return;
    const height = latest.current.height ?? element.clientHeight;
    // Fewer rows than before: the browser has already clamped the scroll position.
    const scrollTop = Math.min(latest.current.scrollTop, maxScroll(offsets, height));
    const target = scrollToShow(offsets, from, activeIndex, scrollTop, height);
    if (target === undefined) return;
    element.scrollTop = target;
    // Render the rows there now, before the paint, rather than on the scroll event.
    follow({ scrollTop: target, height });
    // Scrolls when the active row or the rows change, not when the viewport does.
  }, [activeIndex, rows, offsets, follow]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    follow({ scrollTop: element.scrollTop, height: element.clientHeight });
  };

  // Each account's rows sit in a role=group named by its heading, so a screen
  // reader hears the group on entering it. A window that starts inside a group
  // still renders that group's heading (off screen), which names the group.
  const groups: { key: string; headingId: string; items: ReactNode[] }[] = [];
  // The headings drawn, for the Rename buttons beside the listbox.
  const headings: { row: (typeof rows)[number]; top: number }[] = [];
  const openGroup = (index: number) => {
    const heading = rows[index];
    if (!heading || heading.kind === 'role') return;
    const headingId = `${id}-heading-${index}`;
    headings.push({ row: heading, top: offsets.starts[index] ?? 0 });
    groups.push({
      key: heading.key,
      headingId,
      items: [
        <GroupHeader
          key={heading.key}
          id={headingId}
          title={heading.title}
          top={offsets.starts[index] ?? 0}
          color={heading.color}
        />,
      ],
    });
  };
  let start = range.first;
  while (start > 0 && rows[start]?.kind === 'role') start--;
  if (start < range.first) openGroup(start);
  for (let index = range.first; index <= range.last; index++) {
    const row = rows[index];
    if (!row) continue;
    if (row.kind !== 'role') {
      openGroup(index);
      continue;
    }
    const item = (
      <RoleRow
        key={row.key}
        record={row.record}
        active={row.key === activeId}
        position={row.position}
        pinned={row.pinned === true}
        setSize={roleIds.length}
        top={offsets.starts[index] ?? 0}
        marginMs={marginMs}
        onSelect={onSelect}
        onToggle={onToggle}
      />
    );
    const group = groups.at(-1);
    if (group) group.items.push(item);
    else groups.push({ key: `rows-${index}`, headingId: '', items: [item] });
  }
  const items = groups.map((group) =>
    group.headingId ? (
      <div key={group.key} role="group" aria-labelledby={group.headingId}>
        {group.items}
      </div>
    ) : (
      group.items
    ),
  );

  return (
    // The listbox is a tab stop: focused, it points at the active row as the
    // search box does, and the popup's list keys work from it. The headings'
    // Rename buttons sit beside it in the scroll box, since only options and
    // groups belong in a listbox.
    <div ref={scrollRef} className="role-list-scroll" onScroll={onScroll}>
      <div
        id={id}
        role="listbox"
        aria-label="Roles"
        aria-activedescendant={activeId === undefined ? undefined : optionId(activeId)}
        tabIndex={0}
        className="role-list"
        style={{ height: offsets.total }}
      >
        {items}
      </div>
      {onRenameAccount && <RenameButtons rows={headings} onRename={onRenameAccount} />}
    </div>
  );
}
