/**
 * The test's side door into the running app: commands over the Node IPC
 * channel of the forked main process, acting as the user or the OS would
 * (click the tray, a menu item or a notification, press the global shortcut,
 * suspend and resume, go offline, type in the popup) and reading back what the
 * stand-in recorded. Every answer carries the command's id.
 */
import { join } from 'node:path';

import { rawApp } from './app-instance';
import { StandinBrowserWindow } from './browser-window';
import { ipcMain } from './ipc-main';
import { StandinTray } from './tray';
import {
  StandinNotification,
  globalShortcut,
  net,
  permissionHandlers,
  powerMonitor,
} from './system';

export interface ControlCommand {
  readonly type: 'command';
  readonly id: number;
  readonly name: string;
  readonly args: Record<string, unknown>;
}

const STEP_TIMEOUT_MS = 15_000;

function popupWindow(): StandinBrowserWindow {
  const window = StandinBrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('no window is open');
  return window;
}

async function popupPage() {
  const page = await popupWindow().webContents.whenPageReady();
  return page;
}

function state() {
  const tray = StandinTray.current();
  return {
    tray: tray && {
      image: tray.image.path.split('/').at(-1) ?? '',
      imageExists: !tray.image.isEmpty(),
      tooltip: tray.tooltip,
      menu: tray.menu?.items.map(({ label, type, enabled }) => ({ label, type, enabled })) ?? [],
    },
    windows: StandinBrowserWindow.getAllWindows().map((window) => ({
      id: window.id,
      visible: window.isVisible(),
      focused: window.isFocused(),
      bounds: window.getBounds(),
      url: window.webContents.getURL(),
    })),
    notifications: StandinNotification.all.map(({ id, title, body }) => ({ id, title, body })),
    shortcuts: globalShortcut.registered(),
  };
}

const commands: Record<string, (args: Record<string, unknown>) => unknown> = {
  state,
  'tray-click': () => StandinTray.current()?.click(),
  'tray-menu-click': (args) => StandinTray.current()?.clickMenuItem(String(args.label)),
  'notification-click': (args) => {
    const note = StandinNotification.all.find((candidate) => candidate.id === args.id);
    if (!note) throw new Error(`no notification ${String(args.id)}`);
    note.emit('click', {});
  },
  shortcut: (args) => globalShortcut.press(String(args.accelerator)),
  power: (args) => powerMonitor.emit(String(args.event)),
  'set-online': (args) => net.setOnline(args.online === true),
  'window-blur': () => popupWindow().blur(),
  'ipc-main': () => ({
    handled: ipcMain.handledChannels(),
    listened: ipcMain.eventNames().map(String),
  }),
  quit: () => rawApp.quit(),
  'permission-request': (args) =>
    new Promise<boolean>((resolve) => {
      if (!permissionHandlers.request) return resolve(true);
      permissionHandlers.request(popupWindow().webContents, String(args.permission), resolve, {});
    }),
  'permission-check': (args) =>
    permissionHandlers.check
      ? permissionHandlers.check(popupWindow().webContents, String(args.permission), 'file://')
      : true,
  'invoke-from-subframe': (args) =>
    popupWindow().webContents.invokeFromSubframe(String(args.channel), args.args as unknown[]),
  'page-goto-unguarded': (args) => popupWindow().webContents.gotoUnguarded(String(args.url)),
  // The popup's page, as the user sees it.
  'page-evaluate': async (args) => (await popupPage()).evaluate(String(args.expression)),
  'page-clock-forward': async (args) => (await popupPage()).clock.fastForward(Number(args.ms)),
  'page-press': async (args) => (await popupPage()).keyboard.press(String(args.key)),
  'page-type': async (args) => (await popupPage()).keyboard.type(String(args.text)),
  'page-focus-search': async () =>
    (await popupPage())
      .getByRole('combobox', { name: 'Search roles' })
      .fill('', { timeout: STEP_TIMEOUT_MS }),
  'page-click': async (args) =>
    (await popupPage())
      .getByRole(args.role as 'button', { name: String(args.name) })
      .first()
      .click({ timeout: STEP_TIMEOUT_MS }),
  // Answers when the text showed (epoch ms), for the launch benchmark.
  'page-wait-text': async (args) => {
    await (
      await popupPage()
    )
      .getByText(String(args.text), { exact: false })
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    return Date.now();
  },
  'page-screenshot': async (args) => {
    await (
      await popupPage()
    ).screenshot({ path: join(String(args.dir), `${String(args.name)}.png`) });
  },
};

export function listenForCommands(): void {
  if (!process.send) return;
  process.on('message', (message: ControlCommand) => {
    if (message?.type !== 'command') return;
    const run = commands[message.name];
    Promise.resolve()
      .then(() => {
        if (!run) throw new Error(`unknown stand-in command ${message.name}`);
        return run(message.args);
      })
      .then(
        (value) => process.send?.({ type: 'result', id: message.id, ok: true, value }),
        (error: unknown) =>
          process.send?.({
            type: 'result',
            id: message.id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
  });
  // The channel must not keep a quitting app alive.
  process.channel?.unref();
}
