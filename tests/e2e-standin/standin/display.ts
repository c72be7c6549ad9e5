/** The stand-in's one display (a 32 px panel on top, as GNOME's) and where the cursor is. */
export const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 32, width: 1920, height: 1048 },
  scaleFactor: 1,
  rotation: 0,
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1048 },
} as const;

export const CURSOR = { x: 1700, y: 500 } as const;
