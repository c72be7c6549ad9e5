import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/refresh/clock';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import type { StateChange } from '../../../electron/core/refresh/state-diff';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { STATE_FILE_NAME } from '../../../electron/core/refresh/state-model';
import { watchStateFile, type StateWatcher } from '../../../electron/core/refresh/state-watcher';
import { buildChildren, startChild, type BuiltChildren } from './child-process';

let children: BuiltChildren;
let configDir: string;
let watcher: StateWatcher | undefined;

beforeAll(async () => {
  children = await buildChildren(['state-child']);
});
afterAll(() => children?.cleanup());
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'switchyard-state-'));
});
afterEach(() => {
  watcher?.close();
  watcher = undefined;
  rmSync(configDir, { recursive: true, force: true });
});

async function runWorker(id: string, count: number): Promise<void> {
  const child = startChild(children.script('state-child'), [configDir, id, String(count)]);
  expect(await child.nextLine()).toBe('done');
  expect(await child.exited).toBe(0);
}

describe('state file across real processes', () => {
  it('N processes doing M read-modify-writes each lose no update', async () => {
    const workers = 6;
    const updates = 25;
    await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(`w${w}`, updates)));
    const state = await openStateFile({ configDir }).read();
    const ids = state.requests.map((r) => r.id);
    expect(ids).toHaveLength(workers * updates);
    expect(new Set(ids).size).toBe(workers * updates);
    for (let w = 0; w < workers; w++) {
      // Each worker's own updates stay in the order it made them.
      const mine = ids.filter((id) => id.startsWith(`w${w}-`));
      expect(mine).toEqual(Array.from({ length: updates }, (_, i) => `w${w}-${i}`));
    }
    // No temp file or lock left behind.
    expect(readdirSync(configDir)).toEqual([STATE_FILE_NAME]);
  });

  it('the watcher sees a change made by another process (within the test timeout)', async () => {
    const seen: StateChange[] = [];
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    watcher = await watchStateFile({
      file: openStateFile({ configDir }),
      clock: systemClock(),
      onChange: (_, change) => {
        seen.push(change);
        if (change.newRequests.some((r) => r.id === 'cli-0')) arrived();
      },
    });
    await runWorker('cli', 1);
    await arrival;
    expect(seen.flatMap((c) => c.newRequests.map((r) => r.id))).toEqual(['cli-0']);
  }, 5_000);

  it('does not poll: an idle watcher reads only on its slow safety timer; a write costs a read or two', async () => {
    const clock = new FakeClock();
    const file = openStateFile({ configDir });
    let reads = 0;
    const seen: StateChange[] = [];
    watcher = await watchStateFile({
      file: { path: file.path, readText: () => (reads++, file.readText()) },
      clock,
      onChange: (_, change) => seen.push(change),
    });
    const baseline = reads;
    await clock.advanceAsync(59_000); // an idle minute, short of the safety re-read
    expect(reads).toBe(baseline);
    expect(clock.pendingTimers()).toBe(1); // the safety re-read, nothing else

    // Another process's write arms the debounce (the folder event comes in real time).
    await runWorker('cli', 1);
    for (const deadline = Date.now() + 4_000; clock.pendingTimers() < 2;) {
      if (Date.now() > deadline) throw new Error('no file event arrived');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await clock.advanceAsync(100); // the debounce
    await watcher.check(); // joins the read the debounce started
    expect(seen.flatMap((c) => c.newRequests.map((r) => r.id))).toEqual(['cli-0']);
    expect(reads - baseline).toBeGreaterThanOrEqual(1);
    expect(reads - baseline).toBeLessThanOrEqual(2);
  });
});
