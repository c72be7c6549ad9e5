/**
 * A BrowserWindow's webContents backed by a real Chromium page: loadURL loads
 * exactly what main asks, the preload runs first in its own world for every
 * document (preload-world.ts, main-world-bridge.ts), ipcRenderer reaches the
 * stand-in ipcMain with the real calling frame as senderFrame, send() reaches
 * the preload's listeners, and the navigation and window.open hooks are asked
 * before anything happens, as Electron asks them.
 */
import { EventEmitter } from 'node:events';

import type { BrowserContext, Frame, Page, Route } from 'playwright-core';

import { preventableEvent } from './app';
import { sharedBrowser } from './chromium';
import { DocumentWorlds } from './document-worlds';
import { ipcMain, type IpcMainEvent, type SenderFrame } from './ipc-main';
import { BRIDGE_BINDING, mainWorldScript, type BridgeMessage } from './main-world-bridge';
import { runPreload } from './preload-world';
import { report, strict } from './report';

const LOAD_TIMEOUT_MS = 30_000;

export interface WebContentsOptions {
  readonly preload: string | undefined;
  readonly size: { readonly width: number; readonly height: number };
  readonly onFirstLoad: () => void;
}

type WindowOpenHandler = (details: { url: string; frameName: string }) => { action: string };

function senderFrameOf(frame: Frame): SenderFrame {
  const parent = frame.parentFrame();
  return {
    get url() {
      return frame.url();
    },
    parent: parent ? senderFrameOf(parent) : null,
    name: frame.name(),
  };
}

let nextId = 1;

export class StandinWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly self: StandinWebContents;
  page: Page | undefined;
  private context: BrowserContext | undefined;
  private readonly ready: Promise<Page>;
  private loading = false;
  private destroyed = false;
  private loadedOnce = false;
  private allowedUrl: string | undefined;
  private windowOpenHandler: WindowOpenHandler | undefined;
  private readonly documents: DocumentWorlds;

  constructor(private readonly options: WebContentsOptions) {
    super();
    this.self = strict('webContents', this);
    this.documents = new DocumentWorlds(options.preload, (frame) => this.eventFrom(frame));
    this.ready = this.openPage();
    this.ready.catch((error: unknown) => report({ kind: 'page-error', message: String(error) }));
  }

  private async openPage(): Promise<Page> {
    const browser = await sharedBrowser();
    const context = await browser.newContext({
      viewport: this.options.size,
      deviceScaleFactor: 2,
      colorScheme: process.env.STANDIN_COLOR_SCHEME === 'dark' ? 'dark' : 'light',
      reducedMotion: 'reduce',
    });
    this.context = context;
    await context.exposeBinding(BRIDGE_BINDING, (source, message: BridgeMessage) =>
      this.documents.handle(source.frame, message),
    );
    const exposed = this.probePreload();
    await context.addInitScript({ content: mainWorldScript(exposed) });
    await context.route('**/*', (route) => this.onRoute(route));
    context.on('page', (opened) => void this.onWindowOpen(opened));
    const page = await context.newPage();
    // The page's own clock under the test's hand (countdowns are the page's math); main keeps real time.
    if (process.env.STANDIN_PAGE_CLOCK === '1') await page.clock.install({ time: Date.now() });
    page.on('load', () => this.onLoad(page));
    page.on('domcontentloaded', () => this.emit('dom-ready', preventableEvent()));
    page.on('console', (message) => {
      if (message.type() === 'error') report({ kind: 'console-error', text: message.text() });
    });
    page.on('pageerror', (error) => report({ kind: 'page-error', message: error.message }));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url() !== this.allowedUrl && this.loadedOnce) {
        // A navigation no hook saw (file: URLs are not routable): loud, never silent.
        report({ kind: 'navigation-not-intercepted', url: frame.url() });
      }
    });
    this.page = page;
    return page;
  }

  /** The verbs the preload exposes, from a throwaway run (the page script needs them up front). */
  private probePreload(): Record<string, string[]> {
    if (!this.options.preload) return {};
    try {
      const world = runPreload(
        this.options.preload,
        { invoke: () => Promise.reject(new Error('probe')), send: () => undefined },
        false,
      );
      return Object.fromEntries([...world.exposed].map(([key, api]) => [key, Object.keys(api)]));
    } catch (error) {
      // Electron loads the page anyway and logs "Unable to load preload script".
      report({ kind: 'preload-error', message: String(error) });
      return {};
    }
  }

  private onLoad(page: Page): void {
    if (this.destroyed) return;
    this.loading = false;
    report({ kind: 'did-finish-load', url: page.url() });
    this.emit('did-finish-load', preventableEvent());
    if (!this.loadedOnce) {
      this.loadedOnce = true;
      this.options.onFirstLoad();
    }
  }

  private async onRoute(route: Route): Promise<void> {
    try {
      await this.routeRequest(route);
    } catch (error) {
      // Never let a stand-in fault pass silently, nor take the app down with it.
      report({ kind: 'standin-error', where: 'route', message: String(error) });
      await route.abort('failed').catch(() => undefined);
    }
  }

  private async routeRequest(route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    if (request.isNavigationRequest() && url !== this.allowedUrl) {
      // A new window's first request has no frame of our page: that is window.open.
      let frame: Frame | undefined;
      try {
        frame = request.frame();
      } catch {
        frame = undefined;
      }
      if (frame === undefined || frame.page() !== this.page) {
        if (!this.allowWindowOpen(url)) return route.abort('aborted');
      } else {
        const isMainFrame = frame === this.page?.mainFrame();
        const event = Object.assign(preventableEvent(), { url, isMainFrame });
        if (isMainFrame) this.emit('will-navigate', event, url);
        this.emit('will-frame-navigate', event);
        report({ kind: 'will-navigate', url, isMainFrame, prevented: event.defaultPrevented });
        if (event.defaultPrevented) return route.abort('aborted');
      }
    }
    // No network in a test: anything else the page fetches is refused as offline.
    if (!url.startsWith('file:') && !url.startsWith('data:')) {
      return route.abort('internetdisconnected');
    }
    return route.continue();
  }

  /** Asks main's window open handler, as Electron does before any window exists. */
  private allowWindowOpen(url: string): boolean {
    const decision = this.windowOpenHandler?.({ url, frameName: '' }) ?? { action: 'allow' };
    report({ kind: 'window-open', url, action: decision.action });
    if (decision.action === 'allow') {
      report({ kind: 'unimplemented', what: 'window.open allowed (child windows)' });
    }
    return decision.action === 'allow';
  }

  private async onWindowOpen(opened: Page): Promise<void> {
    // The first page is the window's own (newPage); any later one came from window.open,
    // whose request the handler already refused: Electron would have made no window at all.
    if (this.page === undefined || opened === this.page) return;
    await opened.close().catch(() => undefined);
  }

  private eventFrom(frame: Frame): IpcMainEvent {
    return { sender: this.self, senderFrame: senderFrameOf(frame), processId: 1, frameId: 1 };
  }

  /** A test-only path: ipcRenderer.invoke as if a preload ran in a real child frame of the page. */
  async invokeFromSubframe(channel: string, args: unknown[]): Promise<unknown> {
    const page = await this.ready;
    const attached = page.waitForEvent('frameattached', { timeout: 10_000 });
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: {
            createElement(t: string): Record<string, unknown>;
            body: { append(e: unknown): void };
          };
        }
      ).document;
      const frame = doc.createElement('iframe');
      frame.srcdoc = '<p>child</p>';
      doc.body.append(frame);
    });
    const child = await attached;
    return ipcMain.invokeFromRenderer(this.eventFrom(child), channel, args);
  }

  /**
   * A test-only path: the page ends up at `url` as if a navigation got past
   * main's hooks; the preload runs there too, so main's sender check is all
   * that stands between that page and the engine.
   */
  async gotoUnguarded(url: string): Promise<void> {
    const page = await this.ready;
    this.allowedUrl = url;
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.ready;
    this.loading = true;
    this.allowedUrl = url;
    report({ kind: 'load-url', url });
    this.emit('did-start-loading');
    try {
      await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    } catch (error) {
      this.loading = false;
      this.emit('did-fail-load', preventableEvent(), -6, String(error), url, true);
      report({ kind: 'did-fail-load', url, message: String(error) });
      throw error;
    }
  }

  send(channel: string, ...args: unknown[]): void {
    report({ kind: 'push', channel, delivered: this.documents.deliver(channel, args) });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  isLoading(): boolean {
    return this.loading;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.page?.url() ?? '';
  }

  whenPageReady(): Promise<Page> {
    return this.ready;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.documents.closeAll();
    this.emit('destroyed');
    await this.ready.then(() => this.context?.close()).catch(() => undefined);
  }
}
