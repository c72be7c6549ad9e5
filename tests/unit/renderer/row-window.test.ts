import { describe, expect, it } from 'vitest';
import {
  maxScroll,
  rowOffsets,
  scrollToShow,
  visibleRange,
} from '../../../renderer/src/list/row-window';

// A heading (24 px) then five roles (26 px), twice: starts 0 24 50 76 102 128 | 154 178 …
const offsets = rowOffsets(12, (i) => (i % 6 === 0 ? 24 : 26));

describe('rowOffsets', () => {
  it('stacks the rows by their fixed heights', () => {
    expect(offsets.starts.slice(0, 8)).toEqual([0, 24, 50, 76, 102, 128, 154, 178]);
    expect(offsets.total).toBe(2 * (24 + 5 * 26));
  });
});

describe('visibleRange', () => {
  it('is the rows intersecting the viewport, plus the overscan either side', () => {
    expect(visibleRange(offsets, 0, 100, 0)).toEqual({ first: 0, last: 3 });
    expect(visibleRange(offsets, 0, 100, 2)).toEqual({ first: 0, last: 5 });
    expect(visibleRange(offsets, 60, 100, 2)).toEqual({ first: 0, last: 8 });
    expect(visibleRange(offsets, 130, 100, 1)).toEqual({ first: 4, last: 9 });
  });

  it('leaves out a row that starts exactly at the bottom edge', () => {
    expect(visibleRange(offsets, 0, 102, 0)).toEqual({ first: 0, last: 3 });
    expect(visibleRange(offsets, 0, 103, 0)).toEqual({ first: 0, last: 4 });
  });

  it('clamps a scroll position the list no longer allows', () => {
    expect(visibleRange(offsets, 10_000, 100, 0)).toEqual(visibleRange(offsets, 208, 100, 0));
    expect(visibleRange(offsets, 10_000, 100, 0).last).toBe(11);
    expect(maxScroll(offsets, 10_000)).toBe(0);
  });

  it('is empty without rows', () => {
    const range = visibleRange(
      rowOffsets(0, () => 26),
      0,
      100,
      6,
    );
    expect(range.first).toBeGreaterThan(range.last);
  });
});

describe('scrollToShow', () => {
  it('does not move when the rows are in view', () => {
    expect(scrollToShow(offsets, 2, 2, 0, 100)).toBeUndefined();
    expect(scrollToShow(offsets, 6, 7, 150, 100)).toBeUndefined();
  });

  it('moves as little as possible: the end to the bottom, or the start to the top', () => {
    expect(scrollToShow(offsets, 4, 4, 0, 100)).toBe(128 - 100);
    expect(scrollToShow(offsets, 1, 1, 60, 100)).toBe(24);
  });

  it('brings a heading and the role under it into view together', () => {
    // Down onto the first role of the second group: the role's end at the bottom, heading above it.
    expect(scrollToShow(offsets, 6, 7, 50, 100)).toBe(204 - 100);
    // Up onto it: the heading at the top.
    expect(scrollToShow(offsets, 6, 7, 170, 100)).toBe(154);
  });

  it('stays inside the list', () => {
    expect(scrollToShow(offsets, 11, 11, 0, 100)).toBe(maxScroll(offsets, 100));
    expect(scrollToShow(offsets, 0, 0, 30, 100)).toBe(0);
  });
});
