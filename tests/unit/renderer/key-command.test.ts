import { describe, expect, it } from 'vitest';
import { keyCommand, movedPosition, type KeyPress } from '../../../renderer/src/list/key-command';

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
