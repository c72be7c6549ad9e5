/**
 * `ipcMain`: invoke handlers and send listeners, with Electron's event shape
 * (sender, senderFrame with its live URL and parent) and Electron's wording when
 * no handler exists or a handler throws.
 */
import { EventEmitter } from 'node:events';

import { report, strict } from './report';

export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
  readonly name: string;
}

export interface IpcMainEvent {
  readonly sender: unknown;
  readonly senderFrame: SenderFrame | null;
  readonly processId: number;
  readonly frameId: number;
}

type InvokeHandler = (event: IpcMainEvent, ...args: unknown[]) => unknown;

export class StandinIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** The channels with an invoke handler, for the test. */
  handledChannels(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** ipcRenderer.invoke arriving from a renderer. */
  async invokeFromRenderer(
    event: IpcMainEvent,
    channel: string,
    args: unknown[],
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) {
      report({ kind: 'ipc-no-handler', channel });
      throw new Error(
        `Error invoking remote method '${channel}': No handler registered for '${channel}'`,
      );
    }
    try {
      return await handler(event, ...args);
    } catch (error) {
      const inner = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`Error invoking remote method '${channel}': ${inner}`);
    }
  }

  /** ipcRenderer.send arriving from a renderer. */
  sendFromRenderer(event: IpcMainEvent, channel: string, args: unknown[]): void {
    this.emit(channel, event, ...args);
  }
}

export const ipcMain = strict('ipcMain', new StandinIpcMain());
