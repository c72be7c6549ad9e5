import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/refresh/clock';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { addRequest, recordSession } from '../../../electron/core/refresh/state-changes';
import type { StateChange } from '../../../electron/core/refresh/state-diff';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { emptyState, serializeState } from '../../../electron/core/refresh/state-model';
import { watchStateFile } from '../../../electron/core/refresh/state-watcher';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();
const NOW = 1_767_261_600_000;

function nextChange(): { promise: Promise<StateChange>; push: (c: StateChange) => void } {
  const queue: StateChange[] = [];
  let wake: (() => void) | undefined;
  return {
    push(c) {
      queue.push(c);
      wake?.();
    },
    get promise() {
      return (async () => {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        return queue.shift()!;
      })();
    },
  };
}

describe('watchStateFile', () => {
  it('reports a change written through StateFile, as a diff against the last state', async () => {
    const file = openStateFile({ configDir: tempDir() });
    await file.update((s) => recordSession(s, 'a', { state: 'active' }, NOW));
    const changes = nextChange();
    const watcher = await watchStateFile({
      file,
      clock: systemClock(),
      onChange: (_, c) => changes.push(c),
    });
    try {
      expect(watcher.current().sessions.a?.state).toBe('active');
      await file.update((s) =>
        addRequest(s, {
          id: 'q1',
          action: 'refresh',
          roleId: 'a',
          createdAt: NOW,
          from: { pid: 1, kind: 'cli' },
        }),
      );
      const change = await changes.promise;
      expect(change.newRequests.map((r) => r.id)).toEqual(['q1']);
      expect(watcher.current().requests).toHaveLength(1);
    } finally {
      watcher.close();
    }
  });

  it('reports a damaged file once through onError, then recovers when it is fixed', async () => {
    const file = openStateFile({ configDir: tempDir() });
    const errors: unknown[] = [];
    const changes = nextChange();
    const watcher = await watchStateFile({
      file,
      clock: systemClock(),
      onChange: (_, c) => changes.push(c),
      onError: (e) => errors.push(e),
    });
    try {
      writeFileSync(file.path, '{not json');
      await watcher.check();
      await watcher.check();
      expect(errors).toEqual([expect.objectContaining({ kind: 'corrupt' })]);
      await file.setAside();
      await file.update((s) => recordSession(s, 'b', { state: 'active' }, NOW));
      expect((await changes.promise).sessionsChanged).toEqual(['b']);
    } finally {
      watcher.close();
    }
  });

  it('re-reads on the slow safety timer even without file events, and reports the change', async () => {
    const clock = new FakeClock(NOW);
    // In memory: nothing on disk changes, so no file event can trigger a read.
    let text: string | undefined;
    let reads = 0;
    const file = { path: join(tempDir(), 'state.json'), readText: async () => (reads++, text) };
    const seen: StateChange[] = [];
    const watcher = await watchStateFile({
      file,
      clock,
      safetyIntervalMs: 60_000,
      onChange: (_, c) => seen.push(c),
    });
    try {
      expect(reads).toBe(1);
      text = serializeState(recordSession(emptyState(), 'a', { state: 'active' }, NOW));
      await clock.advanceAsync(59_999);
      expect(reads).toBe(1);
      expect(seen).toEqual([]);
      await clock.advanceAsync(1);
      expect(reads).toBe(2);
      expect(seen.map((c) => c.sessionsChanged)).toEqual([['a']]);
      expect(watcher.current().sessions.a?.state).toBe('active');
      // And again a full interval later: the timer re-arms itself.
      text = serializeState(recordSession(emptyState(), 'b', { state: 'active' }, NOW));
      await clock.advanceAsync(60_000);
      expect(seen.map((c) => c.sessionsChanged)).toEqual([['a'], ['a', 'b']]);
    } finally {
      watcher.close();
    }
    expect(clock.pendingTimers()).toBe(0);
  });
});
