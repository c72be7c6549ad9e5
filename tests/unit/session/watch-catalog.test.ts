import { spawnSync } from 'node:child_process';
import { watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../electron/core/refresh/fake-clock';
import { watchCatalogFile } from '../../../electron/core/session/watch-catalog';
import { useTempDir } from '../refresh/temp-dir';

const tempDir = useTempDir();

/** Replaces the file the way another Switchyard does: a temp file renamed over it. */
function writeFromAnotherProcess(path: string, text: string): void {
  const script = `const fs = require('fs'); fs.writeFileSync(process.argv[1] + '.tmp', process.argv[2]); fs.renameSync(process.argv[1] + '.tmp', process.argv[1]);`;
  const run = spawnSync(process.execPath, ['-e', script, path, text], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

/** Waits (real time, bounded) for a file event to arrive: the events are real, the timers fake. */
async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !condition();) {
    if (Date.now() > deadline) throw new Error('no file event arrived');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves once a plain watcher on the folder has seen an event for `file`. */
function eventFor(dir: string, file: string): { seen: Promise<void>; close: () => void } {
  let resolve: () => void = () => {};
  const seen = new Promise<void>((r) => (resolve = r));
  const w = watch(dir, (_event, name) => {
    if (name === file) resolve();
  });
  return { seen, close: () => w.close() };
}

/** A catalog.json in a fresh folder, watched on fake time; calls() counts the callbacks. */
function watchedCatalog() {
  const dir = tempDir();
  const path = join(dir, 'catalog.json');
  writeFileSync(path, '{}');
  const clock = new FakeClock();
  let calls = 0;
  const stop = watchCatalogFile(path, () => calls++, { clock });
  return { dir, path, clock, calls: () => calls, stop };
}

describe('watchCatalogFile', () => {
  it("calls back once for another process's rewrite, after the debounce", async () => {
    const { path, clock, calls, stop } = watchedCatalog();
    try {
      writeFromAnotherProcess(path, '{"version":1}');
      await until(() => clock.pendingTimers() === 1);
      await clock.advanceAsync(199);
      expect(calls()).toBe(0);
      await clock.advanceAsync(1);
      expect(calls()).toBe(1);
    } finally {
      stop();
    }
  });

  it('ignores other files in the folder', async () => {
    const { dir, clock, calls, stop } = watchedCatalog();
    const probe = eventFor(dir, 'state.json');
    try {
      writeFileSync(join(dir, 'state.json'), '{}');
      await probe.seen; // the same event reached the catalog watcher too
      await new Promise((resolve) => setImmediate(resolve));
      expect(clock.pendingTimers()).toBe(0);
      await clock.advanceAsync(1_000);
      expect(calls()).toBe(0);
    } finally {
      probe.close();
      stop();
    }
  });

  it('calls back no more once stopped, even for a change already seen', async () => {
    const { path, clock, calls, stop } = watchedCatalog();
    writeFromAnotherProcess(path, '{"version":1}');
    await until(() => clock.pendingTimers() === 1);
    stop();
    expect(clock.pendingTimers()).toBe(0);
    await clock.advanceAsync(1_000);
    expect(calls()).toBe(0);
  });
});
