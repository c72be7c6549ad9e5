/** What a key press in the list view asks for. */
export type KeyCommand =
  | { readonly kind: 'move'; readonly by: number }
  | { readonly kind: 'move-to'; readonly edge: 'first' | 'last' }
  | { readonly kind: 'toggle' }
  | { readonly kind: 'console'; readonly mode: 'switch-role' | 'federated' }
  | { readonly kind: 'copy-export' }
  | { readonly kind: 'copy-terminal' }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'make-default' }
  | { readonly kind: 'edit' }
  | { readonly kind: 'add' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'escape' };

/** The parts of a KeyboardEvent the mapping looks at. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

const PAGE = 10;

/**
 * The list's keyboard map. Ctrl and Cmd are both accepted on every platform
 * (Electron's "CommandOrControl"), so muscle memory from either works. Keys
 * that edit the search text (Home, End, letters) are left to the input.
 */
export function keyCommand(press: KeyPress): KeyCommand | undefined {
  const mod = press.ctrlKey || press.metaKey;
  if (press.altKey) return undefined;
  if (!mod) {
    switch (press.key) {
      case 'ArrowDown':
        return { kind: 'move', by: 1 };
      case 'ArrowUp':
        return { kind: 'move', by: -1 };
      case 'PageDown':
        return { kind: 'move', by: PAGE };
      case 'PageUp':
        return { kind: 'move', by: -PAGE };
      case 'Enter':
        return press.shiftKey ? undefined : { kind: 'toggle' };
      case 'Escape':
        return { kind: 'escape' };
      default:
        return undefined;
    }
  }
  const key = press.key.toLowerCase();
  if (press.shiftKey) {
    if (key === 'o') return { kind: 'console', mode: 'federated' };
    if (key === 'c') return { kind: 'copy-export' };
    return undefined;
  }
  switch (key) {
    case 'o':
      return { kind: 'console', mode: 'switch-role' };
    case 'r':
      return { kind: 'refresh' };
    case 't':
      return { kind: 'copy-terminal' };
    case 'd':
      return { kind: 'make-default' };
    case 'e':
      return { kind: 'edit' };
    case 'n':
      return { kind: 'add' };
    case 'z':
      return { kind: 'undo' };
    case 'arrowup':
      return { kind: 'move-to', edge: 'first' };
    case 'arrowdown':
      return { kind: 'move-to', edge: 'last' };
    default:
      return undefined;
  }
}

/** The next active position after `by` steps, clamped like a native menu (no wrap-around). */
export function movedPosition(current: number, by: number, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return by < 0 ? count - 1 : 0;
  return Math.min(count - 1, Math.max(0, current + by));
}

/**
 * What kind of element a key press comes from: the search box (the list's own
 * keyboard owner), a field the user types into, a button (or menu item), or
 * anything else in the popup (a row, a heading, the page itself).
 */
export type KeyScope = 'search' | 'text' | 'button' | 'other';

/**
 * Whether a list command may act from `scope`, so every shortcut works wherever
 * focus is, yet no control loses a key that is its own: a field keeps its
 * arrows and Enter (only the Ctrl/Cmd letter shortcuts reach through it); a
 * button keeps Enter (it presses the button). Escape and undo are the popup's
 * own, in every view (tray-menu.tsx; undoAppliesIn below).
 */
export function commandAppliesIn(command: KeyCommand, press: KeyPress, scope: KeyScope): boolean {
  if (command.kind === 'escape' || command.kind === 'undo') return false;
  if (scope === 'search' || scope === 'other') return true;
  if (scope === 'button') return command.kind !== 'toggle';
  return /^[a-z]$/i.test(press.key);
}

/**
 * Whether Ctrl/Cmd+Z takes back the pending removal from `scope` rather than
 * being left to the focused control. The rule: a field (input, textarea,
 * contenteditable) the user has typed in since the removal keeps Ctrl+Z, which
 * undoes that typing, the newer thing to undo. Anywhere else it undoes the
 * removal: a button, the page, the list's search box (its keyboard owner, as
 * before), and a field focus only landed on when a view opened, which holds
 * nothing of the user's to undo (most views put the caret in their first field).
 */
export function undoAppliesIn(scope: KeyScope, editedSinceRemoval: boolean): boolean {
  return scope !== 'text' || !editedSinceRemoval;
}
