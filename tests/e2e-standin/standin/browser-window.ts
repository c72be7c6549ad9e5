/**
 * BrowserWindow: show/hide/focus/blur and bounds with Electron's events
 * ('show', 'hide', 'focus', 'blur', 'ready-to-show', 'close', 'closed'), each
 * window holding a page-backed webContents (web-contents.ts). The window is
 * not drawn anywhere: its state is what main set, and the test reads it.
 */
import { EventEmitter } from 'node:events';

import { app } from './app-instance';
import { preventableEvent } from './app';
import { report, strict } from './report';
import { StandinWebContents } from './web-contents';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface WindowOptions {
  readonly width?: number;
  readonly height?: number;
  readonly x?: number;
  readonly y?: number;
  readonly show?: boolean;
  readonly webPreferences?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

const windows = new Set<StandinBrowserWindow>();
let nextId = 1;

export class StandinBrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents: StandinWebContents;
  readonly self: StandinBrowserWindow;
  readonly options: WindowOptions;
  bounds: Rectangle;
  private visible = false;
  private focused = false;
  private destroyed = false;

  static getAllWindows(): StandinBrowserWindow[] {
    return [...windows].map((window) => window.self);
  }

  static getFocusedWindow(): StandinBrowserWindow | null {
    return [...windows].find((window) => window.focused)?.self ?? null;
  }

  constructor(options: WindowOptions = {}) {
    super();
    this.self = strict('BrowserWindow', this);
    this.options = options;
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width, height };
    const preload = options.webPreferences?.preload;
    this.webContents = new StandinWebContents({
      preload: typeof preload === 'string' ? preload : undefined,
      size: { width, height },
      onFirstLoad: () => {
        report({ kind: 'ready-to-show', id: this.id });
        this.emit('ready-to-show', preventableEvent());
      },
    }).self;
    windows.add(this);
    report({ kind: 'window-created', id: this.id, options: JSON.parse(JSON.stringify(options)) });
    app.emit('browser-window-created', preventableEvent(), this.self);
    app.emit('web-contents-created', preventableEvent(), this.webContents);
    if (options.show !== false) setImmediate(() => this.show());
    return this.self;
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }

  show(): void {
    this.alive();
    if (!this.visible) {
      this.visible = true;
      report({ kind: 'window-show', id: this.id, bounds: { ...this.bounds } });
      this.emit('show');
    }
    this.focus();
  }

  hide(): void {
    this.alive();
    if (!this.visible) return;
    this.visible = false;
    report({ kind: 'window-hide', id: this.id });
    this.emit('hide');
    this.blur();
  }

  focus(): void {
    this.alive();
    if (this.focused) return;
    for (const other of windows) if (other !== this) other.blur();
    this.focused = true;
    this.emit('focus');
  }

  blur(): void {
    if (!this.focused) return;
    this.focused = false;
    this.emit('blur');
  }

  isVisible(): boolean {
    return this.visible;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getSize(): [number, number] {
    return [this.bounds.width, this.bounds.height];
  }

  getPosition(): [number, number] {
    return [this.bounds.x, this.bounds.y];
  }

  getBounds(): Rectangle {
    return { ...this.bounds };
  }

  setPosition(x: number, y: number): void {
    this.alive();
    if (!Number.isInteger(x) || !Number.isInteger(y)) {
      throw new TypeError(`Error processing argument: setPosition(${x}, ${y}) needs integers`);
    }
    this.bounds = { ...this.bounds, x, y };
    report({ kind: 'window-position', id: this.id, x, y });
  }

  setBounds(bounds: Partial<Rectangle>): void {
    this.alive();
    this.bounds = { ...this.bounds, ...bounds };
  }

  loadURL(url: string): Promise<void> {
    this.alive();
    return this.webContents.loadURL(url);
  }

  close(): void {
    if (this.destroyed) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) void this.destroyWindow(true);
  }

  destroy(): void {
    void this.destroyWindow(true);
  }

  /** Closes the page; 'window-all-closed' only when not quitting, as in Electron. */
  async destroyWindow(announceLast: boolean): Promise<void> {
    if (this.destroyed) return;
    this.hide();
    this.destroyed = true;
    windows.delete(this);
    await this.webContents.destroy();
    this.emit('closed');
    if (announceLast && windows.size === 0) app.emit('window-all-closed');
  }
}

app.closeAllWindows = async () => {
  await Promise.all([...windows].map((window) => window.destroyWindow(false)));
};
