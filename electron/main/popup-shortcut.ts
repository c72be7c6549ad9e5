import { globalShortcut } from 'electron';

import type { ShortcutStatus } from '../../shared/model';
import type { Logger } from './logger';

export interface PopupShortcut {
  /** Binds `accelerator` (settings.shortcut), replacing the previous one; a no-op when unchanged. */
  apply(accelerator: string): void;
  /** Whether the last shortcut applied is bound, and why not; undefined before the first. */
  status(): ShortcutStatus | undefined;
  dispose(): void;
}

/**
 * The global shortcut that opens the popup. A shortcut another app holds, or
 * one Electron cannot parse, is logged and left unbound (the tray still
 * works), and said so in status(), which the settings view shows.
 */
export function createPopupShortcut(open: () => void, logger: Logger): PopupShortcut {
  let current: string | undefined;
  let attempted: string | undefined;
  let status: ShortcutStatus | undefined;

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
          status = { accelerator, registered: true };
        } else {
          status = { accelerator, registered: false, reason: 'taken' };
          logger.warn(`shortcut ${accelerator} is taken by another application; not bound`);
        }
      } catch (error) {
        status = { accelerator, registered: false, reason: 'invalid' };
        logger.warn(`shortcut ${accelerator} is not a valid accelerator`, error);
      }
    },
    status: () => status,
    dispose() {
      release();
      attempted = undefined;
      status = undefined;
    },
  };
}
