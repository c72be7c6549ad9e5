import type { SwitchyardApi } from '../../../shared/ipc-contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or by the UI tests' bridge; absent in a plain browser. */
    readonly switchyard?: SwitchyardApi;
  }
}

/** The bridge to the main process, or undefined when the page runs without one. */
export function findSwitchyardApi(): SwitchyardApi | undefined {
  return window.switchyard;
}
