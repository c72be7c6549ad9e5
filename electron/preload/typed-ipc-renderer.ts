import { ipcRenderer, type IpcRendererEvent } from 'electron';

import type {
  InvokeArgs,
  InvokeChannel,
  InvokeResult,
  PushChannel,
  PushContract,
} from '../../shared/ipc-contract';

/**
 * The one place that touches ipcRenderer, typed from the contract. The page
 * never gets it: the preload hands out named verbs built on these two.
 */
export function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<InvokeResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResult<C>>;
}

/** Listens to a push channel; the listener gets the payload, never the IPC event. */
export function subscribe<C extends PushChannel>(
  channel: C,
  listener: (payload: PushContract[C]) => void,
): () => void {
  const relay = (_event: IpcRendererEvent, payload: PushContract[C]): void => listener(payload);
  ipcRenderer.on(channel, relay);
  return () => {
    ipcRenderer.removeListener(channel, relay);
  };
}

export interface TypedIpcRenderer {
  readonly invoke: typeof invoke;
  readonly subscribe: typeof subscribe;
}
