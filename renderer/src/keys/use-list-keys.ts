import { type RefObject, useEffect, useRef } from 'react';
import { commandAppliesIn, type KeyCommand, keyCommand } from '../list/key-command';
import { keyScopeOf } from './key-scope';

/**
 * The list's shortcuts for the whole popup, not only the search box: a window
 * listener that runs after the focused control had its turn (a control that
 * used the key prevents the default), asks key-command.ts whether the command
 * may act from where focus is, and hands it to `run`. A move made from a
 * button brings focus back to the search box, which points at the active row
 * (the listbox, a tab stop itself, keeps it).
 */
export function useListKeys(
  searchRef: RefObject<HTMLInputElement | null>,
  run: (command: KeyCommand) => boolean,
): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = keyCommand(event);
      if (!command) return;
      const search = searchRef.current;
      const scope = keyScopeOf(event.target, search);
      if (!commandAppliesIn(command, event, scope)) return;
      if (!latest.current(command)) return;
      event.preventDefault();
      const moved = command.kind === 'move' || command.kind === 'move-to';
      if (moved && scope === 'button') search?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [searchRef]);
}
