import { app } from 'electron';

import type { Logger } from './logger';

/**
 * Quitting waits for the engine to stop (it releases the refresher lock and
 * finishes a credentials-file write in progress): the first before-quit is
 * held back, the engine stops, then the app quits for real.
 */
export function stopBeforeQuit(stop: () => Promise<void>, logger: Logger): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    stop()
      .catch((error: unknown) => logger.error('the engine did not stop cleanly', error))
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  });
}
