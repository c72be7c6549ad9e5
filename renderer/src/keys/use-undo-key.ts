import { type RefObject, useEffect, useRef } from 'react';
import { keyCommand, undoAppliesIn } from '../list/key-command';
import { keyScopeOf } from './key-scope';
import type { PendingRemoval } from './pending-removal';

/**
 * Ctrl/Cmd+Z for the whole popup, in every view: owned by the popup beside the
 * pending removal it takes back, since the Undo bar shows in every view.
 *
 * Text editing keeps its own undo: a field typed in since the removal started
 * keeps Ctrl+Z (`undoAppliesIn`, key-command.ts, has the whole rule), so this
 * listens to `input` to know which fields those are. Like the list's keys, it
 * runs after the focused control had its turn (`defaultPrevented`: the
 * shortcut recorder in settings takes every key it records), and uses the key
 * only when `undo` had something to take back.
 */
export function useUndoKey(
  searchRef: RefObject<HTMLInputElement | null>,
  pending: PendingRemoval | undefined,
  undo: () => boolean,
): void {
  const latest = useRef(undo);
  latest.current = undo;
  const edited = useRef(new WeakSet<EventTarget>());
  // Typing from before this removal is older than it: Ctrl+Z there undoes the removal first.
  useEffect(() => {
    edited.current = new WeakSet();
  }, [pending]);
  useEffect(() => {
    const onInput = (event: Event) => {
      // A <select> has no undo of its own to keep.
      if (event.target && !(event.target instanceof HTMLSelectElement)) {
        edited.current.add(event.target);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (keyCommand(event)?.kind !== 'undo') return;
      const scope = keyScopeOf(event.target, searchRef.current);
      const typedIn = event.target !== null && edited.current.has(event.target);
      if (!undoAppliesIn(scope, typedIn)) return;
      if (latest.current()) event.preventDefault();
    };
    window.addEventListener('input', onInput, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('input', onInput, true);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [searchRef]);
}
