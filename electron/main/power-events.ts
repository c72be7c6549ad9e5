import { powerMonitor } from 'electron';

import type { SessionEngine } from '../core/session/session-engine';

/**
 * Timers do not run while the machine sleeps, and the wall clock may have
 * jumped: after resume or unlock the engine re-plans every session at once
 * (it refreshes what expired or is about to).
 */
export function resumeEngineOnWake(engine: SessionEngine, onWake?: () => void): () => void {
  const wake = (): void => {
    engine.resume();
    onWake?.();
  };
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  return () => {
    powerMonitor.off('resume', wake);
    powerMonitor.off('unlock-screen', wake);
  };
}
