import { describe, expect, it } from 'vitest';
import {
  commandAppliesIn,
  keyCommand,
  movedPosition,
  type KeyPress,
  type KeyScope,
  undoAppliesIn,
} from '../../../renderer/src/list/key-command';

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('keyCommand', () => {
  it.each([
    [press('ArrowDown'), { kind: 'move', by: 1 }],
    [press('ArrowUp'), { kind: 'move', by: -1 }],
    [press('PageDown'), { kind: 'move', by: 10 }],
    [press('Enter'), { kind: 'toggle' }],
    [press('Escape'), { kind: 'escape' }],
    [press('o', { ctrlKey: true }), { kind: 'console', mode: 'switch-role' }],
    [press('o', { metaKey: true }), { kind: 'console', mode: 'switch-role' }],
    [press('O', { metaKey: true, shiftKey: true }), { kind: 'console', mode: 'federated' }],
    [press('C', { ctrlKey: true, shiftKey: true }), { kind: 'copy-export' }],
    [press('r', { ctrlKey: true }), { kind: 'refresh' }],
    [press('t', { ctrlKey: true }), { kind: 'copy-terminal' }],
    [press('T', { metaKey: true }), { kind: 'copy-terminal' }],
    [press('d', { metaKey: true }), { kind: 'make-default' }],
    [press('e', { ctrlKey: true }), { kind: 'edit' }],
    [press('n', { ctrlKey: true }), { kind: 'add' }],
    [press('ArrowDown', { metaKey: true }), { kind: 'move-to', edge: 'last' }],
    [press('z', { ctrlKey: true }), { kind: 'undo' }],
  ])('%j → %j', (input, expected) => {
    expect(keyCommand(input)).toEqual(expected);
  });

  it('leaves typing, text editing and clipboard keys to the search box', () => {
    for (const input of [
      press('a'),
      press('Home'),
      press('End'),
      press('c', { ctrlKey: true }), // copy the search text
      press('v', { metaKey: true }),
      press('Enter', { shiftKey: true }),
      press('o', { ctrlKey: true, altKey: true }),
    ]) {
      expect(keyCommand(input)).toBeUndefined();
    }
  });
});

describe('movedPosition', () => {
  it('clamps at both ends like a native menu', () => {
    expect(movedPosition(0, -1, 5)).toBe(0);
    expect(movedPosition(4, 1, 5)).toBe(4);
    expect(movedPosition(2, 10, 5)).toBe(4);
    expect(movedPosition(2, 1, 5)).toBe(3);
  });

  it('starts from the first (down) or the last (up) when nothing is active', () => {
    expect(movedPosition(-1, 1, 5)).toBe(0);
    expect(movedPosition(-1, -1, 5)).toBe(4);
    expect(movedPosition(-1, 1, 0)).toBe(-1);
  });
});

describe('commandAppliesIn', () => {
  const applies = (input: KeyPress, scope: KeyScope) => {
    const command = keyCommand(input);
    if (!command) throw new Error(`no command for ${input.key}`);
    return commandAppliesIn(command, input, scope);
  };

  it('lets every shortcut act from the search box and from anywhere that is not a control', () => {
    for (const scope of ['search', 'other'] as const) {
      expect(applies(press('ArrowDown'), scope)).toBe(true);
      expect(applies(press('Enter'), scope)).toBe(true);
      expect(applies(press('o', { ctrlKey: true }), scope)).toBe(true);
    }
  });

  it('leaves Enter to a focused button, which it presses, and the rest to the list', () => {
    expect(applies(press('Enter'), 'button')).toBe(false);
    expect(applies(press('ArrowUp'), 'button')).toBe(true);
    expect(applies(press('PageDown'), 'button')).toBe(true);
    expect(applies(press('t', { ctrlKey: true }), 'button')).toBe(true);
  });

  it('leaves a field its arrows and Enter; only Ctrl/Cmd letter shortcuts reach through', () => {
    expect(applies(press('ArrowDown'), 'text')).toBe(false);
    expect(applies(press('Enter'), 'text')).toBe(false);
    expect(applies(press('ArrowDown', { ctrlKey: true }), 'text')).toBe(false);
    expect(applies(press('e', { ctrlKey: true }), 'text')).toBe(true);
    expect(applies(press('O', { metaKey: true, shiftKey: true }), 'text')).toBe(true);
  });

  it("never takes Escape or undo, which are the popup's in every view", () => {
    for (const scope of ['search', 'text', 'button', 'other'] as const) {
      expect(applies(press('Escape'), scope)).toBe(false);
      expect(applies(press('z', { ctrlKey: true }), scope)).toBe(false);
      expect(applies(press('z', { metaKey: true }), scope)).toBe(false);
    }
  });
});

describe('undoAppliesIn', () => {
  it('undoes the removal from the search box, a button or the page, typed in or not', () => {
    for (const scope of ['search', 'button', 'other'] as const) {
      expect(undoAppliesIn(scope, false)).toBe(true);
      expect(undoAppliesIn(scope, true)).toBe(true);
    }
  });

  it('leaves Ctrl+Z to a field typed in since the removal, not to one focus only landed on', () => {
    expect(undoAppliesIn('text', true)).toBe(false);
    expect(undoAppliesIn('text', false)).toBe(true);
  });
});
