import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

// The shell is thin: it opens the tray popup and wires it to the engine in
// electron/core. The tray, IPC and session wiring land with the shell issue.
function createPopup(): BrowserWindow {
  const win = new BrowserWindow({
    width: 380,
    height: 560,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  win.once('ready-to-show', () => win.show());
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(createPopup);
}
