/**
 * The preload worlds of one webContents, one per document (Electron runs the
 * preload again on every load): the main world's bridge messages land here,
 * verbs run in the document's world, callbacks queue until the page's next
 * poll, and webContents.send reaches the current document's ipcRenderer.
 */
import type { Frame } from 'playwright-core';

import { ipcMain, type IpcMainEvent } from './ipc-main';
import { isCallbackRef, type BridgeMessage } from './main-world-bridge';
import { runPreload, type PreloadWorld } from './preload-world';
import { report } from './report';

type Batch = { id: number; args: unknown[] }[];

interface DocumentWorld {
  readonly world: PreloadWorld;
  readonly queue: Batch;
  waiter: ((batch: Batch | null) => void) | undefined;
  readonly releasers: Map<number, () => void>;
}

export class DocumentWorlds {
  private readonly documents = new Map<string, DocumentWorld>();
  private currentToken: string | undefined;

  constructor(
    private readonly preload: string | undefined,
    /** The IPC event for a message from `frame` (sender, senderFrame). */
    private readonly eventFrom: (frame: Frame) => IpcMainEvent,
  ) {}

  /** A bridge message from the page's main world; what it returns goes back to the page. */
  async handle(frame: Frame, message: BridgeMessage): Promise<unknown> {
    if (message.kind === 'attach') {
      this.attach(frame, message.token);
      return null;
    }
    const doc = this.documents.get(message.token);
    if (!doc) return message.kind === 'poll' ? null : Promise.reject(new Error('document is gone'));
    switch (message.kind) {
      case 'poll':
        if (doc.queue.length > 0) return doc.queue.splice(0);
        return new Promise((resolve) => (doc.waiter = resolve));
      case 'release':
        doc.releasers.get(message.callId)?.();
        doc.releasers.delete(message.callId);
        return null;
      case 'call':
        return this.call(doc, message);
    }
  }

  /** webContents.send: the current document's ipcRenderer listeners; false when there is none. */
  deliver(channel: string, args: unknown[]): boolean {
    const doc = this.currentToken ? this.documents.get(this.currentToken) : undefined;
    doc?.world.ipcRenderer.deliver(channel, args);
    return doc !== undefined;
  }

  closeAll(): void {
    for (const doc of this.documents.values()) doc.waiter?.(null);
    this.documents.clear();
    this.currentToken = undefined;
  }

  private attach(frame: Frame, token: string): void {
    if (!this.preload) return;
    this.closeAll();
    const world = runPreload(this.preload, {
      invoke: (channel, args) => ipcMain.invokeFromRenderer(this.eventFrom(frame), channel, args),
      send: (channel, args) => ipcMain.sendFromRenderer(this.eventFrom(frame), channel, args),
    });
    this.documents.set(token, { world, queue: [], waiter: undefined, releasers: new Map() });
    this.currentToken = token;
  }

  private async call(doc: DocumentWorld, message: Extract<BridgeMessage, { kind: 'call' }>) {
    const fn = doc.world.exposed.get(message.key)?.[message.verb];
    if (typeof fn !== 'function') throw new Error(`${message.key}.${message.verb} is not exposed`);
    let callbacks = 0;
    const args = message.args.map((arg) => {
      if (!isCallbackRef(arg)) return arg;
      callbacks += 1;
      return (...values: unknown[]) => {
        doc.queue.push({ id: arg.__standinCallback, args: values });
        const waiter = doc.waiter;
        doc.waiter = undefined;
        waiter?.(doc.queue.splice(0));
      };
    });
    const result: unknown = (fn as (...a: unknown[]) => unknown)(...args);
    if (callbacks === 0) return await result;
    if (typeof result !== 'function') {
      const what = `${message.verb} takes a callback but returns no function`;
      report({ kind: 'unimplemented', what });
      throw new Error(`electron stand-in: ${what}`);
    }
    doc.releasers.set(message.callId, result as () => void);
    return null;
  }
}
