/**
 * Timings a benchmark can read from `window.__switchyardPerf`. Recording is a
 * few performance marks and counters: harmless in production, and nothing here
 * changes what the app does.
 */
export interface PerfFigures {
  /** Snapshot received → first list committed to the DOM (ms). */
  firstRenderMs?: number;
  /** Snapshot received → the frame after the first list commit (ms): what the user waits for. */
  firstFrameMs?: number;
  /** Page start → first list committed (ms), bridge round trip included. */
  startupMs?: number;
  /** Last search keystroke → filtered list committed (ms). */
  lastFilterMs?: number;
  /** Countdown cells committed since the page started (each re-render counts once). */
  countdownCommits: number;
  /** Role list commits since the page started. */
  listCommits: number;
}

export interface PerfHook extends PerfFigures {
  /** Runs one clock tick synchronously, returns how long it took and how many cells re-rendered. */
  tick?: () => { ms: number; countdownCommits: number };
}

declare global {
  interface Window {
    __switchyardPerf?: PerfHook;
  }
}

const MARK = {
  start: 'switchyard:start',
  snapshot: 'switchyard:snapshot',
  filter: 'switchyard:filter',
} as const;

export const perf: PerfHook = { countdownCommits: 0, listCommits: 0 };

let pendingFilter = false;

export function installPerfHook(tick: PerfHook['tick']): void {
  perf.tick = tick;
  window.__switchyardPerf = perf;
  performance.mark(MARK.start);
}

export function markSnapshotReceived(): void {
  performance.mark(MARK.snapshot);
}

export function markFilterStart(): void {
  performance.clearMarks(MARK.filter);
  performance.mark(MARK.filter);
  pendingFilter = true;
}

function since(mark: string, name: string): number | undefined {
  if (performance.getEntriesByName(mark, 'mark').length === 0) return undefined;
  return performance.measure(name, mark).duration;
}

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Runs `callback` in the first task after the current frame (call it from
 * requestAnimationFrame). A plain setTimeout task would wait behind every task
 * queued before it, such as React's passive effects posted by the commit that
 * this frame paints, and count them as time to the frame; a user-blocking task
 * runs ahead of those, still only once the frame's paint is done.
 */
function afterThisFrame(callback: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(callback, { priority: 'user-blocking' });
  else setTimeout(callback, 0);
}

/** Called from the list's layout effect: after React committed, before the browser paints. */
export function markListCommitted(): void {
  perf.listCommits++;
  if (perf.firstRenderMs === undefined) {
    perf.firstRenderMs = since(MARK.snapshot, 'switchyard:first-render');
    perf.startupMs = since(MARK.start, 'switchyard:startup');
    // rAF runs just before the paint; a task queued from it runs just after.
    requestAnimationFrame(() =>
      afterThisFrame(() => {
        perf.firstFrameMs = since(MARK.snapshot, 'switchyard:first-frame');
      }),
    );
  }
  if (pendingFilter) {
    pendingFilter = false;
    perf.lastFilterMs = since(MARK.filter, 'switchyard:filter-render');
  }
}

export function countCountdownCommit(): void {
  perf.countdownCommits++;
}
