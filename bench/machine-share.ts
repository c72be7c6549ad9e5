/**
 * What the machine takes from a measured window, per process: time the main
 * thread was ready to run but waited for a core (Linux's schedstat), and the
 * GC pauses that started in the window. On a shared 2-core machine a client's
 * p99 is mostly these; reported beside the latencies so a figure says whose
 * time it is. Figures only, like the rest of bench/.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import { GCProfiler, getHeapStatistics } from 'node:v8';

export interface MachineShare {
  /** The main thread's time on a core, ms (undefined where schedstat is missing). */
  runMs?: number;
  /** The main thread's time runnable but waiting for a core, ms. */
  waitMs?: number;
  /** GC pauses that started in the window: how many, their total and the longest, ms. */
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
  /** Of those, full (mark-compact) collections: old-generation work, not the window's own garbage. */
  gcMajor: number;
  /** Bytes the process allocated on the V8 heap in the window (heap growth plus what GC freed). */
  allocatedBytes: number;
}

/** Main thread run and wait times, ns, from /proc (Linux); undefined elsewhere. */
function schedstat(): [number, number] | undefined {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8')
      .split(' ')
      .map(Number);
    return run !== undefined && wait !== undefined ? [run, wait] : undefined;
  } catch {
    return undefined;
  }
}

const pauses: { start: number; ms: number; major: boolean }[] = [];
let observer: PerformanceObserver | undefined;
const MAJOR = constants.NODE_PERFORMANCE_GC_MAJOR;

/** Starts a window; the returned function ends it and says what the machine took. */
export function machineWindow(): () => MachineShare {
  if (!observer) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        pauses.push({
          start: entry.startTime,
          ms: entry.duration,
          major: (entry as { detail?: { kind?: number } }).detail?.kind === MAJOR,
        });
    });
    observer.observe({ entryTypes: ['gc'] });
  }
  const from = performance.now();
  const before = schedstat();
  const profiler = new GCProfiler();
  profiler.start();
  const usedBefore = getHeapStatistics().used_heap_size;
  return () => {
    const after = schedstat();
    const usedAfter = getHeapStatistics().used_heap_size;
    let freed = 0;
    for (const gc of profiler.stop()?.statistics ?? [])
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    const mine = pauses.filter((p) => p.start >= from);
    const share: MachineShare = {
      gcCount: mine.length,
      gcMs: mine.reduce((sum, p) => sum + p.ms, 0),
      gcMaxMs: Math.max(0, ...mine.map((p) => p.ms)),
      gcMajor: mine.filter((p) => p.major).length,
      allocatedBytes: usedAfter - usedBefore + freed,
    };
    if (before && after) {
      share.runMs = (after[0] - before[0]) / 1e6;
      share.waitMs = (after[1] - before[1]) / 1e6;
    }
    return share;
  };
}

/** Sums of several windows (the batches of one way of asking). */
export function addShares(shares: readonly MachineShare[]): MachineShare {
  const total: MachineShare = { gcCount: 0, gcMs: 0, gcMaxMs: 0, gcMajor: 0, allocatedBytes: 0 };
  for (const s of shares) {
    total.gcCount += s.gcCount;
    total.gcMajor += s.gcMajor;
    total.allocatedBytes += s.allocatedBytes;
    total.gcMs += s.gcMs;
    total.gcMaxMs = Math.max(total.gcMaxMs, s.gcMaxMs);
    if (s.runMs !== undefined) total.runMs = (total.runMs ?? 0) + s.runMs;
    if (s.waitMs !== undefined) total.waitMs = (total.waitMs ?? 0) + s.waitMs;
  }
  return total;
}
