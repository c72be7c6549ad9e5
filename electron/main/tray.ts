import { join } from 'node:path';

import { nativeImage, Tray, type Menu, type NativeImage } from 'electron';

import type { Snapshot } from '../../shared/model';
import type { Clock, TimerHandle } from '../core/refresh/clock';
import type { Rect } from './popup-position';
import { trayIconFile } from './tray-icon-file';
import { buildTrayMenu, type TrayMenuActions } from './tray-menu';
import { buildTrayMenuModel } from './tray-menu-model';
import { nextTrayStateChange, trayState, trayTooltip, type TrayState } from './tray-state';

export interface TrayOptions {
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  readonly clock: Clock;
  /** Left click: toggle the popup. */
  readonly onClick: () => void;
  readonly actions: TrayMenuActions;
  /** Shown from the start, so the Linux menu is never empty. */
  readonly snapshot: Snapshot;
}

export interface AppTray {
  /** A new snapshot: icon, tooltip and native menu follow it. */
  update(snapshot: Snapshot): void;
  bounds(): Rect | undefined;
  dispose(): void;
}

/**
 * The tray icon. Left click toggles the popup and right click opens the native
 * menu on macOS and Windows (Kap's main/tray.ts). On Linux the icon is a
 * StatusNotifierItem whose clicks most panels never deliver (the panel opens
 * the item's menu itself: https://github.com/electron/electron/issues/6773), so
 * the native menu is always set there and is the way in.
 */
export function createAppTray(options: TrayOptions): AppTray {
  const { platform, clock } = options;
  const image = (state: TrayState): NativeImage => {
    const icon = nativeImage.createFromPath(join(options.iconDir, trayIconFile(state, platform)));
    if (platform === 'darwin') icon.setTemplateImage(true);
    return icon;
  };

  let latest = options.snapshot;
  let state: TrayState = trayState(latest, clock.now());
  let menuKey = '';
  let menu: Menu | undefined;
  let timer: TimerHandle | undefined;

  const tray = new Tray(image(state));
  if (platform === 'darwin') {
    // Clicks arrive at once instead of after the double-click interval.
    tray.setIgnoreDoubleClickEvents(true);
  }
  tray.on('click', () => options.onClick());
  if (platform !== 'linux') {
    // setContextMenu would take the left click too on macOS; pop the menu up on right click instead.
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }

  const render = (): void => {
    const now = clock.now();
    const nextState = trayState(latest, now);
    if (nextState !== state) {
      state = nextState;
      tray.setImage(image(state));
    }
    tray.setToolTip(trayTooltip(latest, now));
    const model = buildTrayMenuModel(latest, now);
    const key = JSON.stringify(model);
    if (key !== menuKey) {
      menuKey = key;
      menu = buildTrayMenu(model, options.actions);
      // Linux: the menu is the way in, and a changed menu only shows once set again (Electron's Tray docs).
      if (platform === 'linux') tray.setContextMenu(menu);
    }
    if (timer !== undefined) clock.clearTimeout(timer);
    const next = nextTrayStateChange(latest, now);
    timer = next === undefined ? undefined : clock.setTimeout(render, next - now);
  };
  render();

  return {
    update(snapshot) {
      latest = snapshot;
      render();
    },
    bounds() {
      // Linux (StatusNotifierItem) reports nothing useful; popupPosition falls back to a corner.
      return platform === 'linux' ? undefined : tray.getBounds();
    },
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      tray.destroy();
    },
  };
}
