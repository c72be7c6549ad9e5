import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { BLUR_HIDE_DELAY_MS, CLICK_AFTER_BLUR_MS, createPopup } from '../../../electron/main/popup';
import { CORNER_MARGIN, type Rect } from '../../../electron/main/popup-position';
import * as fake from './fake-electron';

let clock: FakeClock;
let window: fake.BrowserWindow;
let trayBounds: Rect | undefined;

function popupOn(platform: NodeJS.Platform) {
  return createPopup({
    window: window as never,
    platform,
    clock,
    trayBounds: () => trayBounds,
  });
}

beforeEach(() => {
  fake.resetFakeElectron();
  clock = new FakeClock();
  window = new fake.BrowserWindow({ width: 380, height: 560 });
  trayBounds = undefined;
});

describe('createPopup', () => {
  it('shows next to the tray icon, focused', () => {
    fake.screen.display = {
      bounds: { x: 0, y: 0, width: 1440, height: 900 },
      workArea: { x: 0, y: 25, width: 1440, height: 875 },
    };
    trayBounds = { x: 1200, y: 0, width: 22, height: 22 };
    popupOn('darwin').show();
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
    expect(window.position).toEqual([1200 + 11 - 190, 25]);
  });

  it('without tray bounds (Linux) goes to the corner by the panel', () => {
    fake.screen.display = {
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 32, width: 1920, height: 1048 },
    };
    popupOn('linux').show();
    expect(window.position).toEqual([1920 - 380 - CORNER_MARGIN, 32 + CORNER_MARGIN]);
  });

  it('hides a short moment after losing focus, unless focus comes back', () => {
    const popup = popupOn('darwin');
    popup.show();
    window.emit('blur');
    clock.advance(BLUR_HIDE_DELAY_MS - 1);
    expect(window.isVisible()).toBe(true);
    window.emit('focus');
    clock.advance(BLUR_HIDE_DELAY_MS);
    expect(window.isVisible()).toBe(true);
    window.emit('blur');
    clock.advance(BLUR_HIDE_DELAY_MS);
    expect(window.isVisible()).toBe(false);
  });

  it('toggle: a click right after a blur-hide closes rather than reopens (menubar#274)', () => {
    const popup = popupOn('win32');
    popup.toggle();
    expect(window.isVisible()).toBe(true);
    // Windows: clicking the tray icon blurs the popup before the click arrives.
    window.emit('blur');
    clock.advance(BLUR_HIDE_DELAY_MS);
    expect(window.isVisible()).toBe(false);
    popup.toggle();
    expect(window.isVisible()).toBe(false);
    // A later click opens it again.
    clock.advance(CLICK_AFTER_BLUR_MS + 1);
    popup.toggle();
    expect(window.isVisible()).toBe(true);
    popup.toggle();
    expect(window.isVisible()).toBe(false);
  });

  it('showOnRole shows the popup and tells the page which role', () => {
    popupOn('linux').showOnRole('prod');
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent).toEqual([
      { channel: 'popup:visibility', payload: true },
      { channel: 'role:focus', payload: 'prod' },
    ]);
  });

  it('tells the page when it is shown or hidden, and again after each load', () => {
    const popup = popupOn('linux');
    const said = () =>
      window.webContents.sent
        .filter((message) => message.channel === 'popup:visibility')
        .map((message) => message.payload);
    // Electron renders the hidden window at launch and its page thinks it is seen.
    window.webContents.emit('did-finish-load');
    expect(said()).toEqual([false]);
    popup.show();
    popup.hide();
    expect(said()).toEqual([false, true, false]);
    popup.show();
    window.webContents.emit('did-finish-load'); // a reload while shown
    expect(said()).toEqual([false, true, false, true, true]);
    // A blur-hide is a hide too.
    window.emit('blur');
    clock.advance(BLUR_HIDE_DELAY_MS);
    expect(said()).toEqual([false, true, false, true, true, false]);

    popup.dispose();
    window.show();
    window.webContents.emit('did-finish-load');
    expect(said()).toHaveLength(6);
  });

  it('does nothing once the window is destroyed', () => {
    const popup = popupOn('linux');
    window.destroyed = true;
    popup.show();
    popup.toggle();
    popup.showOnRole('prod');
    expect(window.visible).toBe(false);
    expect(popup.isVisible()).toBe(false);
  });

  it('dispose stops listening and cancels a pending hide', () => {
    const popup = popupOn('linux');
    popup.show();
    window.emit('blur');
    popup.dispose();
    expect(clock.pendingTimers()).toBe(0);
    expect(window.listenerCount('blur')).toBe(0);
    expect(window.listenerCount('focus')).toBe(0);
  });
});
