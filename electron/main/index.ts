import { join } from 'node:path';

import { app, dialog } from 'electron';

import { systemClock } from '../core/refresh/clock';
import { createSessionEngine } from '../core/session/create-session-engine';
import { openSsoDesk } from '../core/sso/open-sso-desk';
import { openSubscriptionDesk } from '../core/subscriptions/open-subscription-desk';
import { electronCatalogStore } from './electron-catalog-store';
import { createFileLogger } from './logger';
import { rendererLocation } from './renderer-location';
import { startShell } from './start-shell';
import { stopBeforeQuit } from './stop-before-quit';
import { trayIconDir } from './tray-icon-file';
import { openSsoUrl } from './open-sso-url';
import { lockDownWebContents } from './web-contents-guards';

// The entry point: one instance, no Dock icon, then the engine and the shell.
const APP_USER_MODEL_ID = 'dev.switchyard.app';

async function boot(): Promise<void> {
  const logger = createFileLogger({ dir: app.getPath('logs'), echo: !app.isPackaged });
  logger.info(`Switchyard ${app.getVersion()} starting (Electron ${process.versions.electron})`);
  try {
    const engine = await createSessionEngine({
      kind: 'app',
      createCatalogStore: electronCatalogStore,
    });
    const desk = openSsoDesk({
      engine,
      createCatalogStore: electronCatalogStore,
      openUrl: openSsoUrl,
    });
    const subscriptions = openSubscriptionDesk({
      engine,
      createCatalogStore: electronCatalogStore,
      onOutcome: (outcome) =>
        logger.info(
          `team catalog ${outcome.name}: ${outcome.result}${outcome.error ? ` (${outcome.error})` : ''}`,
        ),
    });
    stopBeforeQuit(async () => {
      subscriptions.stop();
      await desk.stop();
      await engine.stop();
    }, logger);
    startShell({
      engine,
      desk,
      subscriptions,
      logger,
      clock: systemClock(),
      platform: process.platform,
      isPackaged: app.isPackaged,
      env: process.env,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      location: rendererLocation({
        mainDir: import.meta.dirname,
        isPackaged: app.isPackaged,
        devServerUrl: process.env.ELECTRON_RENDERER_URL,
      }),
      trayIconDir: trayIconDir({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(),
      }),
    });
  } catch (error) {
    logger.error('could not start', error);
    dialog.showErrorBox(
      'Switchyard could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another Switchyard runs; it shows its popup on our 'second-instance'.
  app.quit();
} else {
  // Every renderer is sandboxed, and every webContents refuses navigation and new windows.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  // A tray app lives on with no window open.
  app.on('window-all-closed', () => undefined);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  void app.whenReady().then(() => {
    // A menu bar app: no Dock icon (LSUIElement covers packaged builds from the first frame).
    app.dock?.hide();
    return boot();
  });
}
