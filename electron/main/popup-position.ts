/**
 * Where the tray popup goes. Pure: the caller reads the tray bounds, the
 * display and the window size from Electron and hands them in (menubar keeps
 * the same split: src/util/getWindowPosition.ts).
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The screen edge holding the taskbar, menu bar or panel. */
export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

export interface PopupPlacement {
  /** The tray icon's bounds; undefined (or empty) where the platform does not tell. */
  readonly trayBounds: Rect | undefined;
  /** The whole display the popup goes on. */
  readonly displayBounds: Rect;
  /** The display minus taskbars, docks and panels. */
  readonly workArea: Rect;
  readonly windowSize: Size;
  readonly platform: NodeJS.Platform;
}

/** Gap between the popup and the screen corner when it cannot sit next to the icon. */
export const CORNER_MARGIN = 8;

/**
 * The edge where the work area is smaller than the display. With nothing
 * reserved (an auto-hidden taskbar, some Linux panels) the platform's usual
 * place: the bottom on Windows, the top elsewhere (macOS menu bar, GNOME).
 */
export function taskbarEdge(
  displayBounds: Rect,
  workArea: Rect,
  platform: NodeJS.Platform,
): TaskbarEdge {
  if (workArea.y > displayBounds.y) return 'top';
  if (workArea.x > displayBounds.x) return 'left';
  if (workArea.x + workArea.width < displayBounds.x + displayBounds.width) return 'right';
  if (workArea.y + workArea.height < displayBounds.y + displayBounds.height) return 'bottom';
  return platform === 'win32' ? 'bottom' : 'top';
}

export function hasArea(rect: Rect | undefined): rect is Rect {
  return rect !== undefined && rect.width > 0 && rect.height > 0;
}

function clamp(value: number, min: number, max: number): number {
  // A window larger than the work area keeps its top-left corner visible.
  return Math.max(min, Math.min(value, max));
}

function clampToWorkArea(point: Point, size: Size, workArea: Rect): Point {
  return {
    x: Math.round(clamp(point.x, workArea.x, workArea.x + workArea.width - size.width)),
    y: Math.round(clamp(point.y, workArea.y, workArea.y + workArea.height - size.height)),
  };
}

/** Next to the icon, on the side away from the taskbar, centred on it where it can be. */
function besideIcon(tray: Rect, size: Size, edge: TaskbarEdge): Point {
  const centreX = tray.x + tray.width / 2 - size.width / 2;
  switch (edge) {
    case 'top':
      return { x: centreX, y: tray.y + tray.height };
    case 'bottom':
      return { x: centreX, y: tray.y - size.height };
    case 'left':
      // A vertical taskbar keeps its tray at the bottom: align the popup's bottom with the icon's.
      return { x: tray.x + tray.width, y: tray.y + tray.height - size.height };
    case 'right':
      return { x: tray.x - size.width, y: tray.y + tray.height - size.height };
    default: {
      const never: never = edge;
      throw new Error(`unknown edge ${String(never)}`);
    }
  }
}

/**
 * Without the icon's bounds (Linux: StatusNotifierItem does not report them),
 * the corner of the work area nearest where trays usually live: top-right under
 * a top bar, bottom-right above a bottom taskbar, and the bottom corner on the
 * taskbar's side when it is vertical.
 */
function inCorner(workArea: Rect, size: Size, edge: TaskbarEdge): Point {
  const left = workArea.x + CORNER_MARGIN;
  const right = workArea.x + workArea.width - size.width - CORNER_MARGIN;
  const top = workArea.y + CORNER_MARGIN;
  const bottom = workArea.y + workArea.height - size.height - CORNER_MARGIN;
  switch (edge) {
    case 'top':
      return { x: right, y: top };
    case 'bottom':
    case 'right':
      return { x: right, y: bottom };
    case 'left':
      return { x: left, y: bottom };
    default: {
      const never: never = edge;
      throw new Error(`unknown edge ${String(never)}`);
    }
  }
}

/** The popup's top-left corner, in whole pixels, always inside the work area. */
export function popupPosition(placement: PopupPlacement): Point {
  const { trayBounds, displayBounds, workArea, windowSize, platform } = placement;
  const edge = taskbarEdge(displayBounds, workArea, platform);
  const point = hasArea(trayBounds)
    ? besideIcon(trayBounds, windowSize, edge)
    : inCorner(workArea, windowSize, edge);
  return clampToWorkArea(point, windowSize, workArea);
}
