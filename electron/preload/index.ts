import { contextBridge } from 'electron';

import { createSwitchyardApi } from './switchyard-api';
import { invoke, subscribe } from './typed-ipc-renderer';

// Sandboxed and context-isolated: the page sees window.switchyard's verbs, frozen, and nothing else.
contextBridge.exposeInMainWorld(
  'switchyard',
  Object.freeze(createSwitchyardApi({ invoke, subscribe })),
);
