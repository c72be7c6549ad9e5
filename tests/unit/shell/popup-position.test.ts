import { describe, expect, it } from 'vitest';

import {
  CORNER_MARGIN,
  popupPosition,
  taskbarEdge,
  type Rect,
} from '../../../electron/main/popup-position';

const WINDOW = { width: 380, height: 560 };
const DISPLAY: Rect = { x: 0, y: 0, width: 1920, height: 1080 };

describe('taskbarEdge', () => {
  it('finds the edge where the work area is smaller than the display', () => {
    expect(taskbarEdge(DISPLAY, { x: 0, y: 25, width: 1920, height: 1055 }, 'darwin')).toBe('top');
    expect(taskbarEdge(DISPLAY, { x: 0, y: 0, width: 1920, height: 1040 }, 'win32')).toBe('bottom');
    expect(taskbarEdge(DISPLAY, { x: 60, y: 0, width: 1860, height: 1080 }, 'win32')).toBe('left');
    expect(taskbarEdge(DISPLAY, { x: 0, y: 0, width: 1860, height: 1080 }, 'win32')).toBe('right');
  });

  it('prefers the top bar when a Dock or second panel also takes space (macOS, GNOME Flashback)', () => {
    expect(taskbarEdge(DISPLAY, { x: 0, y: 25, width: 1920, height: 975 }, 'darwin')).toBe('top');
  });

  it("falls back to the platform's usual edge when nothing is reserved", () => {
    expect(taskbarEdge(DISPLAY, DISPLAY, 'win32')).toBe('bottom');
    expect(taskbarEdge(DISPLAY, DISPLAY, 'linux')).toBe('top');
    expect(taskbarEdge(DISPLAY, DISPLAY, 'darwin')).toBe('top');
  });

  it('works on a secondary display with offset coordinates', () => {
    const second: Rect = { x: 1920, y: -200, width: 2560, height: 1440 };
    expect(taskbarEdge(second, { x: 1920, y: -200, width: 2560, height: 1400 }, 'win32')).toBe(
      'bottom',
    );
  });
});

describe('popupPosition next to the tray icon', () => {
  it('macOS: centred under the menu bar icon', () => {
    const point = popupPosition({
      trayBounds: { x: 1500, y: 0, width: 24, height: 24 },
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 25, width: 1920, height: 1055 },
      windowSize: WINDOW,
      platform: 'darwin',
    });
    expect(point).toEqual({ x: 1500 + 12 - 190, y: 25 });
  });

  it('macOS: an icon near the right edge keeps the popup on screen', () => {
    const point = popupPosition({
      trayBounds: { x: 1890, y: 0, width: 24, height: 24 },
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 25, width: 1920, height: 1055 },
      windowSize: WINDOW,
      platform: 'darwin',
    });
    expect(point).toEqual({ x: 1920 - 380, y: 25 });
  });

  it('Windows, bottom taskbar: above the icon', () => {
    const point = popupPosition({
      trayBounds: { x: 1700, y: 1044, width: 32, height: 32 },
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      windowSize: WINDOW,
      platform: 'win32',
    });
    expect(point).toEqual({ x: 1700 + 16 - 190, y: 1040 - 560 });
  });

  it('Windows, top taskbar: below the icon', () => {
    const point = popupPosition({
      trayBounds: { x: 1700, y: 4, width: 32, height: 32 },
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 40, width: 1920, height: 1040 },
      windowSize: WINDOW,
      platform: 'win32',
    });
    expect(point).toEqual({ x: 1526, y: 40 });
  });

  it('Windows, left taskbar: to the right of the icon, bottoms aligned', () => {
    const point = popupPosition({
      trayBounds: { x: 14, y: 1000, width: 32, height: 32 },
      displayBounds: DISPLAY,
      workArea: { x: 60, y: 0, width: 1860, height: 1080 },
      windowSize: WINDOW,
      platform: 'win32',
    });
    expect(point).toEqual({ x: 60, y: 1032 - 560 });
  });

  it('Windows, right taskbar: to the left of the icon', () => {
    const point = popupPosition({
      trayBounds: { x: 1874, y: 1000, width: 32, height: 32 },
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 0, width: 1860, height: 1080 },
      windowSize: WINDOW,
      platform: 'win32',
    });
    expect(point).toEqual({ x: 1860 - 380, y: 1032 - 560 });
  });

  it('rounds fractional (scaled) coordinates to whole pixels', () => {
    const point = popupPosition({
      trayBounds: { x: 1500.5, y: 0, width: 23, height: 24 },
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 24.5, width: 1920, height: 1055.5 },
      windowSize: WINDOW,
      platform: 'darwin',
    });
    expect(Number.isInteger(point.x)).toBe(true);
    expect(Number.isInteger(point.y)).toBe(true);
  });
});

describe('popupPosition without tray bounds (Linux, or an empty rectangle)', () => {
  for (const trayBounds of [undefined, { x: 0, y: 0, width: 0, height: 0 }]) {
    it(`top panel → top-right corner (${trayBounds ? 'empty bounds' : 'no bounds'})`, () => {
      const point = popupPosition({
        trayBounds,
        displayBounds: DISPLAY,
        workArea: { x: 0, y: 32, width: 1920, height: 1048 },
        windowSize: WINDOW,
        platform: 'linux',
      });
      expect(point).toEqual({ x: 1920 - 380 - CORNER_MARGIN, y: 32 + CORNER_MARGIN });
    });
  }

  it('bottom panel → bottom-right corner', () => {
    const point = popupPosition({
      trayBounds: undefined,
      displayBounds: DISPLAY,
      workArea: { x: 0, y: 0, width: 1920, height: 1036 },
      windowSize: WINDOW,
      platform: 'linux',
    });
    expect(point).toEqual({ x: 1920 - 380 - CORNER_MARGIN, y: 1036 - 560 - CORNER_MARGIN });
  });

  it('left dock (Ubuntu) → bottom-left corner', () => {
    const point = popupPosition({
      trayBounds: undefined,
      displayBounds: DISPLAY,
      workArea: { x: 70, y: 0, width: 1850, height: 1080 },
      windowSize: WINDOW,
      platform: 'linux',
    });
    expect(point).toEqual({ x: 70 + CORNER_MARGIN, y: 1080 - 560 - CORNER_MARGIN });
  });

  it('nothing reserved on Windows → bottom-right; on Linux → top-right', () => {
    const base = {
      trayBounds: undefined,
      displayBounds: DISPLAY,
      workArea: DISPLAY,
      windowSize: WINDOW,
    };
    expect(popupPosition({ ...base, platform: 'win32' })).toEqual({
      x: 1920 - 380 - CORNER_MARGIN,
      y: 1080 - 560 - CORNER_MARGIN,
    });
    expect(popupPosition({ ...base, platform: 'linux' })).toEqual({
      x: 1920 - 380 - CORNER_MARGIN,
      y: CORNER_MARGIN,
    });
  });

  it('a window taller than the work area keeps its top-left corner visible', () => {
    const point = popupPosition({
      trayBounds: undefined,
      displayBounds: { x: 0, y: 0, width: 800, height: 480 },
      workArea: { x: 0, y: 0, width: 800, height: 440 },
      windowSize: WINDOW,
      platform: 'linux',
    });
    expect(point).toEqual({ x: 800 - 380 - CORNER_MARGIN, y: 0 });
  });
});
