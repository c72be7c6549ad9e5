/**
 * The built preload, run as Electron runs a sandboxed, context-isolated one: in
 * its own JavaScript world (a Node `vm` context: no Node globals, no `process`),
 * with a `require` that knows only 'electron', where `contextBridge` records
 * what is exposed to the page and `ipcRenderer` talks to the stand-in ipcMain.
 * One world per document, as Electron runs the preload again on every load.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';

import { report, strict } from './report';

export interface RendererIpcHost {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  send(channel: string, args: unknown[]): void;
}

export class StandinIpcRenderer extends EventEmitter {
  constructor(private readonly host: RendererIpcHost) {
    super();
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.host.invoke(channel, args);
  }

  send(channel: string, ...args: unknown[]): void {
    this.host.send(channel, args);
  }

  /** webContents.send from main: listeners get (event, ...args), as in Electron. */
  deliver(channel: string, args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0 }, ...args);
  }
}

export interface PreloadWorld {
  readonly ipcRenderer: StandinIpcRenderer;
  /** What contextBridge.exposeInMainWorld was given, by key. */
  readonly exposed: ReadonlyMap<string, Record<string, unknown>>;
}

/** Runs the preload file in a fresh world and returns what it exposed. */
export function runPreload(
  preloadPath: string,
  host: RendererIpcHost,
  announce = true,
): PreloadWorld {
  const ipcRenderer = new StandinIpcRenderer(host);
  const exposed = new Map<string, Record<string, unknown>>();
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (exposed.has(key))
        throw new Error(`Cannot bind an API on top of an existing property "${key}"`);
      if (typeof api !== 'object' || api === null) {
        throw new Error(`electron stand-in: exposeInMainWorld('${key}') supports objects only`);
      }
      for (const [name, value] of Object.entries(api)) {
        if (typeof value !== 'function') {
          throw new Error(
            `electron stand-in: ${key}.${name} is not a function; only verbs are bridged`,
          );
        }
      }
      exposed.set(key, api as Record<string, unknown>);
      if (announce) report({ kind: 'expose-in-main-world', key, verbs: Object.keys(api).sort() });
    },
  };
  const rendererElectron = strict('electron (preload)', {
    contextBridge: strict('contextBridge', contextBridge),
    ipcRenderer: strict('ipcRenderer', ipcRenderer),
  });
  const requireInPreload = (id: string): unknown => {
    if (id === 'electron' || id === 'electron/renderer') return rendererElectron;
    report({ kind: 'unimplemented', what: `require('${id}') in the preload` });
    throw new Error(`module not found: ${id} (a sandboxed preload can only require 'electron')`);
  };
  const module = { exports: {} as unknown };
  const world = createContext({ console, setTimeout, clearTimeout, queueMicrotask });
  const source = readFileSync(preloadPath, 'utf8');
  const wrapper = runInContext(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    world,
    { filename: preloadPath },
  ) as (...args: unknown[]) => void;
  wrapper(module.exports, requireInPreload, module, preloadPath, '.');
  return { ipcRenderer, exposed };
}
