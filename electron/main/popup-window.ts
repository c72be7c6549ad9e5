import { BrowserWindow, type WebPreferences } from 'electron';

import type { RendererLocation } from './renderer-location';
import { lockDownWebContents } from './web-contents-guards';

export const POPUP_SIZE = { width: 380, height: 560 } as const;

/**
 * Electron's security checklist, explicitly: an isolated, sandboxed renderer
 * without Node, web security on, no webviews, no insecure content. The page
 * reaches main only through the preload's named verbs.
 */
export function popupWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // DevTools only in development builds.
    devTools: !isPackaged,
  };
}

export interface PopupWindowOptions {
  readonly preloadPath: string;
  readonly location: RendererLocation;
  readonly isPackaged: boolean;
  readonly onLoadError: (error: unknown) => void;
}

/** The frameless, hidden-until-asked tray popup, loading the React tray menu. */
export function createPopupWindow(options: PopupWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...POPUP_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Switchyard',
    webPreferences: popupWebPreferences(options.preloadPath, options.isPackaged),
  });
  lockDownWebContents(window.webContents);
  // Loaded once at start-up, so the first click shows a ready menu.
  window.loadURL(options.location.url).catch(options.onLoadError);
  return window;
}
