import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { systemClock, type Clock, type TimerHandle } from '../refresh/clock';

const DEBOUNCE_MS = 200;

export interface WatchCatalogOptions {
  /** Timers for the debounce; a fake one in tests. */
  readonly clock?: Clock;
}

/**
 * Calls `onChange` when another process (the CLI, an editor) rewrites the
 * catalog. The folder is watched, not the file: atomic renames replace the
 * inode. conf's own watcher polls on Linux every few seconds, which would wake
 * an idle refresher for nothing; this one costs nothing until something changes.
 * A burst of events (temp file, rename) becomes one call after a quiet 200 ms.
 */
export function watchCatalogFile(
  path: string,
  onChange: () => void,
  options: WatchCatalogOptions = {},
): () => void {
  const clock = options.clock ?? systemClock();
  const name = basename(path);
  let timer: TimerHandle | undefined;
  let watcher: FSWatcher | undefined;
  const cancel = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      cancel();
      timer = clock.setTimeout(() => {
        timer = undefined;
        onChange();
      }, DEBOUNCE_MS);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No watching available (e.g. the folder vanished): changes show on the next read.
  }
  return () => {
    cancel();
    watcher?.close();
  };
}
