import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';

import type {
  InvokeArgs,
  InvokeChannel,
  InvokeResult,
  PushChannel,
  PushContract,
} from '../../shared/ipc-contract';

/**
 * The one place that touches ipcMain. Every handler is typed from
 * InvokeContract and runs only after the guard accepted the sender and
 * checked the arguments at runtime.
 */
export type InvokeHandler<C extends InvokeChannel> = (
  ...args: InvokeArgs<C>
) => Promise<InvokeResult<C>> | InvokeResult<C>;

export interface InvokeGuard {
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** Throws when the arguments do not fit the channel. */
  checkArgs<C extends InvokeChannel>(channel: C, args: readonly unknown[]): InvokeArgs<C>;
  /** Told about refused messages (never their arguments). */
  onRefused(channel: InvokeChannel, reason: string): void;
}

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

export function handleInvoke<C extends InvokeChannel>(
  channel: C,
  guard: InvokeGuard,
  handler: InvokeHandler<C>,
): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    if (!guard.isTrustedSender(event)) {
      guard.onRefused(channel, 'untrusted sender');
      throw new UntrustedSenderError(`${channel}: refused a message from an untrusted sender`);
    }
    let checked: InvokeArgs<C>;
    try {
      checked = guard.checkArgs(channel, args);
    } catch (error) {
      guard.onRefused(channel, error instanceof Error ? error.message : 'bad arguments');
      throw error;
    }
    return handler(...checked);
  });
}

export function removeInvokeHandlers(channels: readonly InvokeChannel[]): void {
  for (const channel of channels) ipcMain.removeHandler(channel);
}

/** Sends a push message to the popup (dropped when its page is gone). */
export function pushToRenderer<C extends PushChannel>(
  contents: WebContents,
  channel: C,
  payload: PushContract[C],
): void {
  if (!contents.isDestroyed()) contents.send(channel, payload);
}
