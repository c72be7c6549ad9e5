import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { App } from './app';
import { findSwitchyardApi } from './bridge/switchyard-api';
import { createSnapshotStore } from './bridge/snapshot-store';
import { followVisibility } from './clock/follow-visibility';
import { createSharedClock } from './clock/shared-clock';
import { installPerfHook, markSnapshotReceived, perf } from './perf/perf-probe';
import { ServicesContext } from './services-context';

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
const root = createRoot(container);

const clock = createSharedClock();
installPerfHook(() => {
  const before = perf.countdownCommits;
  const start = performance.now();
  // flushSync so the measured time includes React re-rendering the cells.
  flushSync(() => clock.tick());
  return { ms: performance.now() - start, countdownCommits: perf.countdownCommits - before };
});
const api = findSwitchyardApi();
// A hidden popup shows no countdowns: the clock sleeps until it is visible again.
followVisibility(clock, document, api && ((listener) => api.onPopupVisibility(listener)));

if (!api) {
  root.render(
    <p className="bridge-missing">Switchyard’s bridge is missing: open this page from the app.</p>,
  );
} else {
  const store = createSnapshotStore(api, markSnapshotReceived);
  root.render(
    <StrictMode>
      <ServicesContext.Provider value={{ api, clock }}>
        <App store={store} />
      </ServicesContext.Provider>
    </StrictMode>,
  );
}
