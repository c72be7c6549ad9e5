import { screen, type BrowserWindow } from 'electron';

import type { Clock, TimerHandle } from '../core/refresh/clock';
import { hasArea, popupPosition, type Rect } from './popup-position';
import { pushToRenderer } from './typed-ipc-main';

/**
 * Hide this long after the popup loses focus, as menubar does: long enough for
 * a click on the tray icon to arrive first and be read as "close".
 */
export const BLUR_HIDE_DELAY_MS = 100;

/**
 * On Windows the popup's blur fires before the tray's click, so the click would
 * find the popup hidden and show it again: it would flicker instead of closing
 * (https://github.com/max-mapper/menubar/issues/274). A click this soon after a
 * blur-hide is read as "close".
 */
export const CLICK_AFTER_BLUR_MS = 300;

export interface Popup {
  show(): void;
  hide(): void;
  /** Left click on the tray icon. */
  toggle(): void;
  /** Show the popup on one role (a notification was clicked). */
  showOnRole(roleId: string): void;
  isVisible(): boolean;
  dispose(): void;
}

export interface PopupOptions {
  readonly window: BrowserWindow;
  readonly platform: NodeJS.Platform;
  /** The tray icon's bounds now; undefined where the platform does not report them. */
  readonly trayBounds: () => Rect | undefined;
  readonly clock: Clock;
}

export function createPopup(options: PopupOptions): Popup {
  const { window, clock } = options;
  let blurTimer: TimerHandle | undefined;
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY;

  const cancelBlurHide = (): void => {
    if (blurTimer !== undefined) clock.clearTimeout(blurTimer);
    blurTimer = undefined;
  };

  const place = (): void => {
    const bounds = options.trayBounds();
    const anchor = hasArea(bounds) ? bounds : undefined;
    const display = anchor
      ? screen.getDisplayMatching(anchor)
      : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const [width = 0, height = 0] = window.getSize();
    const { x, y } = popupPosition({
      trayBounds: anchor,
      displayBounds: display.bounds,
      workArea: display.workArea,
      windowSize: { width, height },
      platform: options.platform,
    });
    window.setPosition(x, y, false);
  };

  const show = (): void => {
    if (window.isDestroyed()) return;
    cancelBlurHide();
    place();
    window.show();
    window.focus();
  };

  const hide = (): void => {
    cancelBlurHide();
    if (!window.isDestroyed() && window.isVisible()) window.hide();
  };

  const onBlur = (): void => {
    cancelBlurHide();
    blurTimer = clock.setTimeout(() => {
      blurTimer = undefined;
      hiddenByBlurAt = clock.now();
      hide();
    }, BLUR_HIDE_DELAY_MS);
  };
  window.on('blur', onBlur);
  window.on('focus', cancelBlurHide);

  // Tell the page whether anyone can see it, so its countdown clock sleeps while
  // hidden. It cannot tell by itself at launch: Electron renders a window created
  // hidden (so the first click shows a ready menu) and reports it visible to the
  // page until it has been shown and hidden once. Said again after every load,
  // when the page's listener is sure to be in place.
  const tellPage = (visible: boolean): void => {
    if (!window.isDestroyed()) pushToRenderer(window.webContents, 'popup:visibility', visible);
  };
  const onShow = (): void => tellPage(true);
  const onHide = (): void => tellPage(false);
  const onLoaded = (): void => tellPage(!window.isDestroyed() && window.isVisible());
  window.on('show', onShow);
  window.on('hide', onHide);
  window.webContents.on('did-finish-load', onLoaded);

  return {
    show,
    hide,
    toggle() {
      if (window.isDestroyed()) return;
      if (window.isVisible()) hide();
      else if (clock.now() - hiddenByBlurAt > CLICK_AFTER_BLUR_MS) show();
    },
    showOnRole(roleId) {
      show();
      if (window.isDestroyed()) return;
      const contents = window.webContents;
      const send = (): void => pushToRenderer(contents, 'role:focus', roleId);
      if (contents.isLoading()) contents.once('did-finish-load', send);
      else send();
    },
    isVisible: () => !window.isDestroyed() && window.isVisible(),
    dispose() {
      cancelBlurHide();
      window.off('blur', onBlur);
      window.off('focus', cancelBlurHide);
      window.off('show', onShow);
      window.off('hide', onHide);
      if (!window.isDestroyed()) window.webContents.off('did-finish-load', onLoaded);
    },
  };
}
