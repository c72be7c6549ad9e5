/**
 * `app`: ready, paths, version, the single-instance lock, quit and exit, login
 * items, with Electron's documented order of events (before-quit, windows
 * closed, will-quit, quit). SIGTERM and SIGINT quit as Electron does on Linux.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeBrowser } from './chromium';
import { flushReports, report } from './report';
import { listenForSecondInstances, notifyFirstInstance, takeLock } from './single-instance';

interface PackageJson {
  readonly name: string;
  readonly productName?: string;
  readonly version: string;
}

export interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function preventableEvent(): PreventableEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class StandinApp extends EventEmitter {
  readonly isPackaged = false;
  /** Electron has no app.dock on Linux. */
  readonly dock = undefined;
  /** Closes every window (set by the BrowserWindow module, which imports this one). */
  closeAllWindows: () => Promise<void> = async () => undefined;
  private readonly pkg: PackageJson;
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private quitting = false;
  private notifying: Promise<void> | undefined;
  private loginItem = { openAtLogin: false };

  constructor(private readonly appPath: string) {
    super();
    this.pkg = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as PackageJson;
    this.readyPromise = new Promise((resolve) => {
      setImmediate(() => {
        this.ready = true;
        this.emit('will-finish-launching');
        this.emit('ready', preventableEvent(), {});
        report({ kind: 'app-ready' });
        resolve();
      });
    });
    const onSignal = (): void => this.quit();
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getName(): string {
    return this.pkg.productName ?? this.pkg.name;
  }

  getVersion(): string {
    return this.pkg.version;
  }

  getAppPath(): string {
    return this.appPath;
  }

  getPath(name: string): string {
    const appData = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
    const userData = join(appData, this.getName());
    const paths: Record<string, string> = {
      home: homedir(),
      appData,
      userData,
      sessionData: userData,
      logs: join(userData, 'logs'),
      temp: tmpdir(),
      exe: process.execPath,
    };
    const path = paths[name];
    if (path === undefined) {
      report({ kind: 'unimplemented', what: `app.getPath('${name}')` });
      throw new Error(`electron stand-in: app.getPath('${name}') is not implemented`);
    }
    return path;
  }

  requestSingleInstanceLock(additionalData?: unknown): boolean {
    const userData = this.getPath('userData');
    if (takeLock(userData)) {
      listenForSecondInstances(userData, (message) => {
        report({ kind: 'second-instance', argv: message.argv });
        this.emit(
          'second-instance',
          preventableEvent(),
          message.argv,
          message.cwd,
          message.additionalData,
        );
      });
      report({ kind: 'single-instance-lock', held: true });
      return true;
    }
    report({ kind: 'single-instance-lock', held: false });
    this.notifying = notifyFirstInstance(userData, {
      argv: process.argv,
      cwd: process.cwd(),
      additionalData: additionalData ?? null,
    });
    return false;
  }

  enableSandbox(): void {
    report({ kind: 'enable-sandbox', ready: this.ready });
  }

  setAppUserModelId(id: string): void {
    report({ kind: 'app-user-model-id', id });
  }

  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...this.loginItem };
  }

  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin };
    report({ kind: 'login-item', openAtLogin: settings.openAtLogin });
  }

  /** before-quit (preventable), windows closed, will-quit (preventable), quit, exit 0. */
  quit(): void {
    if (this.quitting) return;
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) {
      report({ kind: 'quit-deferred' });
      return;
    }
    this.quitting = true;
    void this.closeAllWindows().then(() => {
      const willQuit = preventableEvent();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) {
        this.quitting = false;
        return;
      }
      this.emit('quit', preventableEvent(), 0);
      return this.shutDown(0);
    });
  }

  /** Exits at once with no quit events, as Electron's app.exit. */
  exit(code = 0): void {
    this.quitting = true;
    void this.shutDown(code);
  }

  private async shutDown(code: number): Promise<void> {
    report({ kind: 'exit', code });
    await this.notifying;
    await closeBrowser();
    await flushReports();
    process.exit(code);
  }
}
