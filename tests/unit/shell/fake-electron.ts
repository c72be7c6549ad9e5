/**
 * A small stand-in for the `electron` module, for unit tests of the shell:
 *
 *   vi.mock('electron', () => import('./fake-electron'));
 *
 * Each fake records what the shell did with it (options, handlers, listeners,
 * sent messages) so tests can assert on the wiring; `fake` gathers the state
 * and `resetFakeElectron()` clears it between tests. Only what the shell uses
 * is here.
 */
import { EventEmitter } from 'node:events';

import { vi } from 'vitest';

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

// ---- webContents / BrowserWindow --------------------------------------------------

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  loading = false;
  readonly mainFrame: FakeFrame = { url: '', parent: null };

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  /** Emits an event the way Electron does, with a preventable event object first. */
  emitPreventable(name: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        event.defaultPrevented = true;
      },
    };
    this.emit(name, event, ...args);
    return event;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  /** When set, the next loadURL rejects with it (a missing renderer build). */
  static loadError: Error | undefined;
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  visible = false;
  focused = false;
  destroyed = false;
  position: [number, number] = [0, 0];

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    const error = BrowserWindow.loadError;
    BrowserWindow.loadError = undefined;
    if (error) throw error;
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getSize(): [number, number] {
    return [Number(this.options.width ?? 0), Number(this.options.height ?? 0)];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
}

// ---- Tray, Menu, nativeImage ----------------------------------------------------

export interface FakeImage {
  path: string;
  template: boolean;
  setTemplateImage(flag: boolean): void;
}

export const nativeImage = {
  createFromPath(path: string): FakeImage {
    return {
      path,
      template: false,
      setTemplateImage(flag: boolean) {
        this.template = flag;
      },
    };
  },
};

export class Menu {
  constructor(readonly template: Record<string, unknown>[]) {}
  static buildFromTemplate(template: Record<string, unknown>[]): Menu {
    return new Menu(template);
  }
}

export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  image: FakeImage;
  readonly images: FakeImage[] = [];
  tooltip = '';
  contextMenu: Menu | undefined;
  readonly contextMenus: Menu[] = [];
  readonly poppedUp: Menu[] = [];
  bounds: FakeRect = { x: 0, y: 0, width: 0, height: 0 };
  ignoreDoubleClick = false;
  destroyed = false;

  constructor(image: FakeImage) {
    super();
    this.image = image;
    this.images.push(image);
    Tray.instances.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu): void {
    this.contextMenu = menu;
    this.contextMenus.push(menu);
  }
  popUpContextMenu(menu: Menu): void {
    this.poppedUp.push(menu);
  }
  setIgnoreDoubleClickEvents(flag: boolean): void {
    this.ignoreDoubleClick = flag;
  }
  getBounds(): FakeRect {
    return this.bounds;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

// ---- ipcMain / ipcRenderer / contextBridge ------------------------------------------

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeListener>(),
  /** ipcMain.on listeners (electron-store adds one; the shell removes it). */
  listeners: new Map<string, ((...args: unknown[]) => void)[]>(),
  on(channel: string, listener: (...args: unknown[]) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  },
  removeAllListeners(channel: string): void {
    this.listeners.delete(channel);
  },
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

/** Calls a registered handler the way Electron does for ipcRenderer.invoke. */
export async function invokeMain(
  channel: string,
  sender: { webContents: unknown; frame: FakeFrame | null },
  ...args: unknown[]
): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = { sender: sender.webContents, senderFrame: sender.frame, frameId: 1, processId: 1 };
  return handler(event, ...args);
}

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

// ---- app, shell, clipboard, dialog, session, screen, net ---------------------------

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstance = true;
  loginItem = { openAtLogin: false };
  readonly dock = { hide: vi.fn() };
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly setAppUserModelId = vi.fn();
  readonly setLoginItemSettings = vi.fn((settings: { openAtLogin: boolean }) => {
    this.loginItem = { openAtLogin: settings.openAtLogin };
  });
  ready: Promise<void> = Promise.resolve();
  logsPath = '/tmp/switchyard-fake-logs';

  getLoginItemSettings(): { openAtLogin: boolean } {
    return this.loginItem;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  getPath(_name: string): string {
    return this.logsPath;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getAppPath(): string {
    return '/app';
  }
}

export const app = new FakeApp();

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const clipboard = { writeText: vi.fn((_text: string) => undefined) };

export const dialog = { showErrorBox: vi.fn() };

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export const session = {
  defaultSession: {
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    devicePermissionHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
      this.devicePermissionHandler = handler;
    },
  },
};

export interface FakeDisplay {
  bounds: FakeRect;
  workArea: FakeRect;
}

export const screen = {
  display: {
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  } as FakeDisplay,
  cursor: { x: 100, y: 100 },
  getDisplayMatching(_rect: FakeRect): FakeDisplay {
    return this.display;
  },
  getDisplayNearestPoint(_point: { x: number; y: number }): FakeDisplay {
    return this.display;
  },
  getCursorScreenPoint(): { x: number; y: number } {
    return this.cursor;
  },
};

export const net = { online: true, isOnline: (): boolean => net.online };

// ---- Notification, powerMonitor, globalShortcut --------------------------------------

export class Notification extends EventEmitter {
  static supported = true;
  static readonly instances: Notification[] = [];
  shown = false;

  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

export const powerMonitor = new EventEmitter();

export const globalShortcut = {
  registered: new Map<string, () => void>(),
  /** Accelerators another application "holds". */
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (accelerator.includes('Bogus')) throw new Error(`Failed to parse accelerator`);
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
};

/** Back to a clean slate. */
export function resetFakeElectron(): void {
  BrowserWindow.instances.length = 0;
  BrowserWindow.loadError = undefined;
  Tray.instances.length = 0;
  Notification.instances.length = 0;
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockReset();
  contextBridge.exposed.clear();
  app.removeAllListeners();
  app.isPackaged = false;
  app.singleInstance = true;
  app.loginItem = { openAtLogin: false };
  app.ready = Promise.resolve();
  for (const mock of [
    app.dock.hide,
    app.quit,
    app.exit,
    app.enableSandbox,
    app.setAppUserModelId,
    app.setLoginItemSettings,
    shell.openExternal,
    clipboard.writeText,
    dialog.showErrorBox,
  ]) {
    mock.mockClear();
  }
  session.defaultSession.permissionRequestHandler = undefined;
  session.defaultSession.permissionCheckHandler = undefined;
  session.defaultSession.devicePermissionHandler = undefined;
  screen.display = {
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  };
  net.online = true;
  powerMonitor.removeAllListeners();
  globalShortcut.registered.clear();
  globalShortcut.taken.clear();
}

/**
 * What `import electron from 'electron'` gives (electron-store imports it so):
 * Electron's module is CommonJS, so its default export is the whole module.
 */
// eslint-disable-next-line no-restricted-syntax -- mirrors the real module's shape
export default {
  app,
  ipcMain,
  ipcRenderer,
  shell,
  BrowserWindow,
  Menu,
  Tray,
  nativeImage,
  contextBridge,
  clipboard,
  dialog,
  session,
  screen,
  net,
  Notification,
  powerMonitor,
  globalShortcut,
};
