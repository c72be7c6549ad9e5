import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Clock, TimerHandle } from './clock';
import { parseState } from './parse-state';
import { diffState, isEmptyChange, type StateChange } from './state-diff';
import { emptyState, type SwitchyardState } from './state-model';
import { makeFolderKeepingOwner } from '../fs/keep-owner';

export interface StateWatcherOptions {
  readonly file: { readonly path: string; readText(): Promise<string | undefined> };
  readonly clock: Clock;
  /** Coalesce a burst of events (temp file, rename) into one read. Default 100 ms. */
  readonly debounceMs?: number;
  /** Re-read this often even without events, in case an event was missed. Default 60 s. */
  readonly safetyIntervalMs?: number;
  /** Keep the process alive while watching (fs.watch `persistent`). Default true. */
  readonly persistent?: boolean;
  /** Called with the new state and what changed since the last one seen. */
  readonly onChange: (
    next: SwitchyardState,
    change: StateChange,
    previous: SwitchyardState,
  ) => void;
  /** A damaged file, an unreadable folder, or a watch failure (polling continues). */
  readonly onError?: (error: unknown) => void;
}

export interface StateWatcher {
  /** The state as last read. */
  current(): SwitchyardState;
  /** Re-read now (e.g. after resume); resolves when done. */
  check(): Promise<void>;
  close(): void;
}

/**
 * Notices, within a debounce, when another process changes state.json. It
 * watches the FOLDER: an atomic write renames a new file over the old one, and
 * a watch on the file itself would keep following the old, unlinked inode.
 * Events only trigger a re-read; the content decides whether anything changed,
 * so spurious or missing file names (some platforms) are harmless. The slow
 * safety re-read covers file systems where fs.watch reports nothing (network
 * mounts); it is not the delivery path.
 */
export async function watchStateFile(options: StateWatcherOptions): Promise<StateWatcher> {
  const { file, clock } = options;
  const debounceMs = options.debounceMs ?? 100;
  const safetyIntervalMs = options.safetyIntervalMs ?? 60_000;
  const name = basename(file.path);
  const report = (error: unknown): void => options.onError?.(error);

  let lastText: string | undefined;
  let state = emptyState();
  let closed = false;
  let debounce: TimerHandle | undefined;
  let safety: TimerHandle | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const readOnce = async (): Promise<void> => {
    const text = await file.readText();
    if (closed || text === lastText) return;
    lastText = text;
    const next = text === undefined ? emptyState() : parseState(text, file.path);
    const previous = state;
    state = next;
    const change = diffState(previous, next);
    if (!isEmptyChange(change)) options.onChange(next, change, previous);
  };

  // One read at a time; events during a read cause exactly one more.
  const check = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await readOnce();
        } catch (error) {
          report(error);
        }
      } while (again && !closed);
      running = undefined;
    })();
    return running;
  };

  const onEvent = (_event: string, filename: string | Buffer | null): void => {
    if (closed || (filename != null && filename.toString() !== name)) return;
    // Leading-edge delay, not reset per event: a steady stream of writes still gets read.
    debounce ??= clock.setTimeout(() => {
      debounce = undefined;
      void check();
    }, debounceMs);
  };

  const armSafety = (): void => {
    if (closed) return;
    safety = clock.setTimeout(() => {
      if (closed) return;
      void check().finally(armSafety);
    }, safetyIntervalMs);
  };

  // As root (sudo -E), a folder created here stays the user's.
  await makeFolderKeepingOwner(dirname(file.path), 0o700);
  // The baseline: later changes are reported relative to this.
  try {
    const text = await file.readText();
    lastText = text;
    if (text !== undefined) state = parseState(text, file.path);
  } catch (error) {
    report(error);
  }

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file.path), { persistent: options.persistent ?? true }, onEvent);
    watcher.on('error', (error) => {
      report(error);
      watcher?.close();
      watcher = undefined;
    });
  } catch (error) {
    report(error);
  }
  armSafety();

  return {
    current: () => state,
    check,
    close() {
      closed = true;
      watcher?.close();
      if (debounce !== undefined) clock.clearTimeout(debounce);
      if (safety !== undefined) clock.clearTimeout(safety);
    },
  };
}
