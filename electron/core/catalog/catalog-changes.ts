import { isDeepStrictEqual } from 'node:util';
import type { CatalogData } from './catalog-document';
import { CatalogFileError } from './catalog-file-error';

/**
 * Calls `listener` with the catalog each time a change event from the file
 * finds it different from the last one seen. A file broken by someone else
 * goes to `onError`, never thrown from the event. Returns the function that
 * unsubscribes.
 */
export function followCatalogChanges(
  events: EventTarget,
  read: () => CatalogData,
  listener: (catalog: CatalogData) => void,
  onError?: (error: CatalogFileError) => void,
): () => void {
  let last: CatalogData | undefined;
  try {
    last = read();
  } catch {
    last = undefined;
  }
  const handle = (): void => {
    let next: CatalogData;
    try {
      next = read();
    } catch (error) {
      if (error instanceof CatalogFileError) onError?.(error);
      return;
    }
    if (isDeepStrictEqual(next, last)) return;
    last = next;
    listener(next);
  };
  events.addEventListener('change', handle);
  return () => events.removeEventListener('change', handle);
}
