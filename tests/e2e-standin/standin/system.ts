/**
 * The rest of Electron's main-process API the app uses, each recording what
 * the app asked for: Notification, globalShortcut, powerMonitor, net, shell,
 * clipboard, dialog, screen and session permission handlers.
 */
import { EventEmitter } from 'node:events';

import type { Rectangle } from './browser-window';
import { CURSOR, DISPLAY } from './display';
import { report, strict } from './report';

export class StandinNotification extends EventEmitter {
  static all: StandinNotification[] = [];
  private static nextId = 1;
  readonly id = StandinNotification.nextId++;
  readonly title: string;
  readonly body: string;

  static isSupported(): boolean {
    return true;
  }

  constructor(options: { title?: string; body?: string }) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    return strict('Notification', this);
  }

  show(): void {
    StandinNotification.all.push(this);
    report({ kind: 'notification', id: this.id, title: this.title, body: this.body });
  }

  close(): void {
    this.emit('close', {});
  }
}

const shortcuts = new Map<string, () => void>();
const ACCELERATOR =
  /^((Command|Cmd|Control|Ctrl|CommandOrControl|CmdOrCtrl|Alt|Option|AltGr|Shift|Super|Meta)\+)*[^+\s]+$/;

export const globalShortcut = strict('globalShortcut', {
  register(accelerator: string, callback: () => void): boolean {
    if (!ACCELERATOR.test(accelerator))
      throw new TypeError(`Failed to parse accelerator ${accelerator}`);
    const taken = (process.env.STANDIN_TAKEN_SHORTCUTS ?? '').split(',').includes(accelerator);
    report({ kind: 'shortcut-register', accelerator, taken });
    if (taken || shortcuts.has(accelerator)) return false;
    shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    shortcuts.delete(accelerator);
    report({ kind: 'shortcut-unregister', accelerator });
  },
  unregisterAll(): void {
    shortcuts.clear();
  },
  isRegistered(accelerator: string): boolean {
    return shortcuts.has(accelerator);
  },
  /** The test presses the shortcut. */
  press(accelerator: string): void {
    const callback = shortcuts.get(accelerator);
    if (!callback) throw new Error(`shortcut ${accelerator} is not registered`);
    callback();
  },
  registered: (): string[] => [...shortcuts.keys()],
});

export const powerMonitor = strict('powerMonitor', new EventEmitter());

let online = true;
export const net = strict('net', {
  isOnline: (): boolean => online,
  setOnline(value: boolean): void {
    online = value;
  },
});

export const shell = strict('shell', {
  openExternal(url: string): Promise<void> {
    report({ kind: 'open-external', url });
    return Promise.resolve();
  },
});

let clipboardText = '';
export const clipboard = strict('clipboard', {
  writeText(text: string): void {
    clipboardText = text;
    report({ kind: 'clipboard-write', length: text.length });
  },
  readText: (): string => clipboardText,
});

export const dialog = strict('dialog', {
  showErrorBox(title: string, content: string): void {
    report({ kind: 'error-box', title, content });
    process.stderr.write(`[error box] ${title}: ${content}\n`);
  },
});

export const screen = strict('screen', {
  getPrimaryDisplay: () => DISPLAY,
  getAllDisplays: () => [DISPLAY],
  getDisplayMatching: (_rect: Rectangle) => DISPLAY,
  getDisplayNearestPoint: (_point: { x: number; y: number }) => DISPLAY,
  getCursorScreenPoint: () => ({ ...CURSOR }),
});

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;

export const permissionHandlers: {
  request?: PermissionRequestHandler;
  check?: PermissionCheckHandler;
  device?: (details: unknown) => boolean;
} = {};

const defaultSession = strict('session.defaultSession', {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    permissionHandlers.request = handler ?? undefined;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    permissionHandlers.check = handler ?? undefined;
  },
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    permissionHandlers.device = handler ?? undefined;
  },
});

export const session = strict('session', { defaultSession });
