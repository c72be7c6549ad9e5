import { globalShortcut } from 'electron';

import type { Logger } from './logger';

export interface PopupShortcut {
  /** Binds `accelerator` (settings.shortcut), replacing the previous one; a no-op when unchanged. */
  apply(accelerator: string): void;
  dispose(): void;
}

/**
 * The global shortcut that opens the popup. A shortcut another app holds, or
 * one Electron cannot parse, is logged and left unbound: the tray still works.
 */
export function createPopupShortcut(open: () => void, logger: Logger): PopupShortcut {
  let current: string | undefined;
  let attempted: string | undefined;

  const release = (): void => {
    if (current !== undefined) globalShortcut.unregister(current);
    current = undefined;
  };

  return {
    apply(accelerator) {
      if (accelerator === attempted) return;
      attempted = accelerator;
      release();
      try {
        if (globalShortcut.register(accelerator, open)) {
          current = accelerator;
        } else {
          logger.warn(`shortcut ${accelerator} is taken by another application; not bound`);
        }
      } catch (error) {
        logger.warn(`shortcut ${accelerator} is not a valid accelerator`, error);
      }
    },
    dispose() {
      release();
      attempted = undefined;
    },
  };
}
