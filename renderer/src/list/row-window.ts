/**
 * The arithmetic of a virtual list whose rows have fixed heights (a heading is
 * 24 px, a role 26 px, by CSS): where each row starts, which rows a scroll
 * position shows, and where to scroll to bring a row into view. Nothing is
 * measured, so rendering a window of 500 roles costs what 20 do.
 */

/** Offsets of a list of rows: `starts[i]` is where row i begins, `total` the list's height. */
export interface RowOffsets {
  readonly starts: readonly number[];
  readonly total: number;
}

export function rowOffsets(count: number, heightOf: (index: number) => number): RowOffsets {
  const starts = new Array<number>(count);
  let y = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = y;
    y += heightOf(i);
  }
  return { starts, total: y };
}

/** Rows [first, last] (inclusive) rendered for a viewport; first > last means none. */
export interface RowRange {
  readonly first: number;
  readonly last: number;
}

/** Index of the row containing pixel `y` (the last row starting at or before it). */
function rowAt(starts: readonly number[], y: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The largest scroll offset the list allows in a viewport of `height`. */
export function maxScroll(offsets: RowOffsets, height: number): number {
  return Math.max(0, offsets.total - height);
}

/**
 * The rows a viewport of `height` px scrolled to `scrollTop` shows, plus
 * `overscan` rows either side (so arrow keys and small scrolls never show a gap).
 */
export function visibleRange(
  offsets: RowOffsets,
  scrollTop: number,
  height: number,
  overscan: number,
): RowRange {
  const count = offsets.starts.length;
  if (count === 0) return { first: 0, last: -1 };
  const top = Math.min(Math.max(0, scrollTop), maxScroll(offsets, height));
  const bottom = top + Math.max(0, height);
  const first = rowAt(offsets.starts, top);
  // A row starting exactly at the bottom edge is not in view.
  let last = rowAt(offsets.starts, bottom);
  if (last > first && (offsets.starts[last] ?? 0) >= bottom) last--;
  return { first: Math.max(0, first - overscan), last: Math.min(count - 1, last + overscan) };
}

export function sameRange(a: RowRange, b: RowRange): boolean {
  return a.first === b.first && a.last === b.last;
}

/**
 * Where to scroll so that rows [from, to] are in view, moving as little as
 * possible (a native menu's "auto" alignment): undefined when they already are.
 * A span taller than the viewport shows its end.
 */
export function scrollToShow(
  offsets: RowOffsets,
  from: number,
  to: number,
  scrollTop: number,
  height: number,
): number | undefined {
  const start = offsets.starts[from];
  const last = offsets.starts[to];
  if (start === undefined || last === undefined) return undefined;
  const end = to + 1 < offsets.starts.length ? (offsets.starts[to + 1] ?? 0) : offsets.total;
  let target: number;
  if (end > scrollTop + height) target = end - height;
  else if (start < scrollTop) target = start;
  else return undefined;
  target = Math.min(Math.max(0, target), maxScroll(offsets, height));
  return target === scrollTop ? undefined : target;
}
