import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const DEBOUNCE_MS = 200;

/**
 * Calls `onChange` when another process (the CLI, an editor) rewrites the
 * catalog. The folder is watched, not the file: atomic renames replace the
 * inode. conf's own watcher polls on Linux every few seconds, which would wake
 * an idle refresher for nothing; this one costs nothing until something changes.
 */
export function watchCatalogFile(path: string, onChange: () => void): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, DEBOUNCE_MS);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No watching available (e.g. the folder vanished): changes show on the next read.
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
