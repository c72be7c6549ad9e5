import { describe, expect, it } from 'vitest';

import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { checkAccelerator } from '../../../shared/accelerator';
import { useTempConfigDir } from '../catalog/catalog-fixtures';
import { expectInputError } from './expect-input-error';

const tempDir = useTempConfigDir();

describe("checkAccelerator: Electron's accelerator grammar", () => {
  it.each([
    'CommandOrControl+Shift+Y',
    'CmdOrCtrl+Alt+Space',
    'ctrl+shift+y',
    'Super+F5',
    'F13',
    'Alt+Plus',
    'Control+Alt+num5',
    'Shift+Command+`',
    'MediaPlayPause',
    ' Alt+Shift+S ',
  ])('accepts %s', (accelerator) => {
    expect(checkAccelerator(accelerator)).toBe(accelerator.trim());
  });

  it.each([
    ['Ctrl+Y+Y', '"Ctrl+Y+Y" has 2 keys (Y, Y); a shortcut has one'],
    ['Ctrl+Shift', 'has no key, only modifiers'],
    ['Ctrl+Control+Y', 'names the control modifier twice'],
    ['CommandOrControl+Ctrl+Y', 'names the control modifier twice'],
    ['Y+Ctrl', 'puts the key Y before a modifier'],
    ['Ctrl+Banana', '"Banana" is not a key Electron knows'],
    ['Ctrl++', 'has an empty part'],
    ['', 'is empty'],
    ['Y', 'would take that key from every app'],
    ['Shift+Y', 'would take that key from every app'],
  ])('refuses %j: %s', (accelerator, fragment) => {
    expectInputError(() => checkAccelerator(accelerator, 'shortcut'), 'shortcut', fragment);
  });
});

describe('saving the shortcut', () => {
  it('refuses one Electron would not parse, keeping the one saved', () => {
    tempDir();
    const store = CatalogStore.open();
    expectInputError(
      () => store.updateSettings({ shortcut: 'Ctrl+Y+Y' }),
      'settings.shortcut',
      'has 2 keys',
    );
    expect(store.settings().shortcut).toBe('CommandOrControl+Shift+Y');
    expect(store.updateSettings({ shortcut: 'Alt+Shift+S' }).shortcut).toBe('Alt+Shift+S');
  });
});
