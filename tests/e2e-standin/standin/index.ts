/**
 * The stand-in `electron` module the built main bundle gets in tests (see
 * ../harness/launch-app.ts): Electron's main-process API, as much of it as the
 * app uses, with Electron's documented semantics. Never shipped.
 */
import { app } from './app-instance';
import { StandinBrowserWindow } from './browser-window';
import { listenForCommands } from './control';
import { ipcMain } from './ipc-main';
import { report, strict } from './report';
import {
  StandinNotification,
  clipboard,
  dialog,
  globalShortcut,
  net,
  powerMonitor,
  screen,
  session,
  shell,
} from './system';
import { StandinMenu, StandinNativeImage, StandinTray } from './tray';

listenForCommands();
report({ kind: 'standin-loaded' });

// Classes too: an unknown static (BrowserWindow.fromId…) throws like an unknown method.
const BrowserWindow = strict('BrowserWindow', StandinBrowserWindow);
const Menu = strict('Menu', StandinMenu);
const Notification = strict('Notification', StandinNotification);
const Tray = strict('Tray', StandinTray);
const nativeImage = strict('nativeImage', {
  createFromPath: (path: string) => StandinNativeImage.createFromPath(path),
  createEmpty: () => StandinNativeImage.createEmpty(),
});

const electron = strict('electron', {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  screen,
  session,
  shell,
  Tray,
});

export {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  screen,
  session,
  shell,
  Tray,
};
// electron-store does `import electron from 'electron'`.
// eslint-disable-next-line no-restricted-syntax
export default electron;
