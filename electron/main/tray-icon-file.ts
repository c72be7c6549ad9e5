import { join } from 'node:path';

import type { TrayState } from './tray-state';

/**
 * The tray image for a state, from the PNGs scripts/draw-icons.mjs draws into
 * build/tray (shipped as resources/tray, see electron-builder.yml).
 * - macOS: a template image ("…Template.png", black and alpha) so the menu bar
 *   tints it for light, dark and highlighted; nativeImage picks "@2x" itself.
 * - Windows: 16 px with "@2x", also picked by nativeImage on high-DPI screens.
 * - Linux: 24 px, the size panels draw StatusNotifierItem icons at.
 */
export function trayIconFile(state: TrayState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  if (platform === 'win32') return `tray-${state}.png`;
  return `tray-${state}-linux.png`;
}

export interface TrayIconDirInput {
  readonly isPackaged: boolean;
  /** process.resourcesPath of the packaged app. */
  readonly resourcesPath: string;
  /** app.getAppPath(): the project folder when run unpackaged. */
  readonly appPath: string;
}

export function trayIconDir(input: TrayIconDirInput): string {
  return input.isPackaged
    ? join(input.resourcesPath, 'tray')
    : join(input.appPath, 'build', 'tray');
}
