import { app, clipboard, net, session } from 'electron';

import type { Snapshot } from '../../shared/model';
import { plainHttpEndpointWarning } from '../../shared/plain-http-endpoint';
import type { Clock } from '../core/refresh/clock';
import type { SessionEngine } from '../core/session/session-engine';
import type { SsoDesk } from '../core/sso/sso-desk';
import { denyAllPermissions } from './deny-permissions';
import { checkInvokeArgs } from './invoke-arg-checks';
import { registerIpcHandlers, type IpcSsoDesk, type IpcSubscriptionDesk } from './ipc-handlers';
import type { SubscriptionDesk } from '../core/subscriptions/subscription-desk';
import { projectSubscriptions } from './subscription-projection';
import { syncLaunchAtLogin } from './launch-at-login';
import type { Logger } from './logger';
import { watchOnline } from './online-watcher';
import { openAwsUrl } from './open-aws-url';
import { createPopup, type Popup } from './popup';
import { createPopupShortcut } from './popup-shortcut';
import type { Rect } from './popup-position';
import { createPopupWindow } from './popup-window';
import { resumeEngineOnWake } from './power-events';
import { isRendererUrl, type RendererLocation } from './renderer-location';
import { forwardSessionNotifications } from './session-notifications';
import { projectSnapshot } from './snapshot-projection';
import { projectSsoProgress } from './sso-projection';
import { createAppTray } from './tray';
import { isTrustedSender } from './trusted-sender';
import { pushToRenderer, type InvokeGuard } from './typed-ipc-main';

export interface ShellOptions {
  readonly engine: SessionEngine;
  /** IAM Identity Center: sessions, the one sign-in and its progress (core/sso/sso-desk.ts). */
  readonly desk: IpcSsoDesk & Pick<SsoDesk, 'onProgress'>;
  /** Team catalog subscriptions: list, add, sync now, and the list pushed after each sync. */
  readonly subscriptions: IpcSubscriptionDesk & Pick<SubscriptionDesk, 'onChange'>;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  readonly preloadPath: string;
  readonly location: RendererLocation;
  readonly trayIconDir: string;
  /**
   * Where the Linux autostart entry goes (XDG_CONFIG_HOME, HOME) and APPIMAGE,
   * and the STS endpoint warned about when plain http; process.env.
   */
  readonly env: NodeJS.ProcessEnv;
}

export interface Shell {
  readonly popup: Popup;
  /** Undoes everything start did except the window and session handlers (the app is quitting). */
  dispose(): void;
}

/**
 * Wires the engine to the desktop: popup window, tray, IPC, notifications,
 * power and network events, the global shortcut and login item. It adds no
 * state of its own: every view is derived from the engine's snapshots.
 */
export function startShell(options: ShellOptions): Shell {
  const { engine, desk, logger, clock, platform, isPackaged } = options;

  denyAllPermissions(session.defaultSession);
  const endpointWarning = plainHttpEndpointWarning(options.env);
  if (endpointWarning) logger.warn(endpointWarning);
  const window = createPopupWindow({
    preloadPath: options.preloadPath,
    location: options.location,
    isPackaged,
    onLoadError: (error) => logger.error('the popup page did not load', error),
  });
  // The tray is created after the popup (its menu opens the popup); until then there are no bounds.
  let trayBounds: () => Rect | undefined = () => undefined;
  const popup = createPopup({ window, platform, clock, trayBounds: () => trayBounds() });

  const guard: InvokeGuard = {
    isTrustedSender: (event) =>
      isTrustedSender(event, window.webContents, (url) => isRendererUrl(url, options.location)),
    checkArgs: (channel, args) => checkInvokeArgs(channel, args, engine.snapshot()),
    onRefused: (channel, reason) => logger.warn(`refused ${channel}: ${reason}`),
  };
  const removeHandlers = registerIpcHandlers(
    engine,
    {
      hidePopup: () => popup.hide(),
      openAwsUrl,
      writeClipboard: (text) => clipboard.writeText(text),
      platform,
      shortcutStatus: () => shortcut.status(),
    },
    desk,
    options.subscriptions,
    guard,
  );

  const firstSnapshot = projectSnapshot(engine.snapshot());
  const tray = createAppTray({
    iconDir: options.trayIconDir,
    platform,
    clock,
    snapshot: firstSnapshot,
    onClick: () => popup.toggle(),
    actions: {
      open: () => popup.show(),
      openRole: (roleId) => popup.showOnRole(roleId),
      refreshAll: () => {
        engine.refresh(null).catch((error: unknown) => logger.warn('refresh all failed', error));
      },
      quit: () => app.quit(),
    },
  });
  trayBounds = () => tray.bounds();

  const shortcut = createPopupShortcut(() => popup.show(), logger);
  const launchAtLogin = syncLaunchAtLogin(platform, isPackaged, options.env);
  const applySettings = (snapshot: Snapshot): void => {
    shortcut.apply(snapshot.settings.shortcut);
    launchAtLogin(snapshot.settings.launchAtLogin).catch((error: unknown) =>
      logger.warn('could not change the login item', error),
    );
  };
  applySettings(firstSnapshot);

  const unsubscribe = engine.subscribe((snapshot) => {
    const view = projectSnapshot(snapshot);
    // Bound first, so the snapshot the popup gets says whether a new shortcut could be registered.
    applySettings(view);
    pushToRenderer(
      window.webContents,
      'snapshot:changed',
      projectSnapshot(snapshot, shortcut.status()),
    );
    tray.update(view);
  });

  // The sign-in's progress is pushed like the snapshot, and rebuilt from an allow-list the same way.
  const unsubscribeSso = desk.onProgress((progress) => {
    try {
      pushToRenderer(window.webContents, 'sso:progress', projectSsoProgress(progress));
    } catch (error) {
      logger.error('the sign-in progress was not sent', error);
    }
  });

  const unsubscribeCatalogs = options.subscriptions.onChange((views) => {
    try {
      pushToRenderer(window.webContents, 'subscriptions:changed', projectSubscriptions(views));
    } catch (error) {
      logger.error('the subscription list was not sent', error);
    }
  });

  const stopNotifications = forwardSessionNotifications(
    engine,
    (roleId) => (roleId ? popup.showOnRole(roleId) : popup.show()),
    (line) => logger.warn(line),
  );
  const online = watchOnline(
    () => net.isOnline(),
    (isOnline) => {
      logger.info(isOnline ? 'online: refreshing runs' : 'offline: refreshing paused');
      engine.setOnline(isOnline);
    },
    clock,
  );
  const stopPower = resumeEngineOnWake(engine, () => online.checkNow());

  const onSecondInstance = (): void => popup.show();
  app.on('second-instance', onSecondInstance);

  return {
    popup,
    dispose() {
      app.off('second-instance', onSecondInstance);
      stopPower();
      online.dispose();
      stopNotifications();
      unsubscribeSso();
      unsubscribeCatalogs();
      unsubscribe();
      shortcut.dispose();
      tray.dispose();
      popup.dispose();
      removeHandlers();
    },
  };
}
