import { describe, expect, it } from 'vitest';
import { type KeyPress, recordKey } from '../../../renderer/src/settings/shortcut-keys';
import { settingsPatch } from '../../../renderer/src/settings/settings-patch';
import { checkAccelerator } from '../../../shared/accelerator';
import { DEFAULT_SETTINGS } from '../../../shared/model';

const press = (code: string, key: string, held: Partial<KeyPress> = {}): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...held,
});

describe('recordKey: a keydown as an Electron accelerator', () => {
  it('writes Control as CommandOrControl off macOS, and Command as it on macOS', () => {
    const ctrlShiftY = press('KeyY', 'Y', { ctrlKey: true, shiftKey: true });
    expect(recordKey(ctrlShiftY, false)).toEqual({
      kind: 'done',
      accelerator: 'CommandOrControl+Shift+Y',
    });
    const cmdShiftY = press('KeyY', 'Y', { metaKey: true, shiftKey: true });
    expect(recordKey(cmdShiftY, true)).toEqual({
      kind: 'done',
      accelerator: 'CommandOrControl+Shift+Y',
    });
    expect(recordKey(press('KeyK', 'k', { metaKey: true, altKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: 'Alt+Super+K',
    });
  });

  it('reads the physical key, so a layout or Shift does not change it', () => {
    expect(recordKey(press('Digit1', '!', { ctrlKey: true, shiftKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: 'CommandOrControl+Shift+1',
    });
    expect(recordKey(press('F5', 'F5', { altKey: true }), false)).toMatchObject({
      accelerator: 'Alt+F5',
    });
    expect(recordKey(press('ArrowUp', 'ArrowUp', { ctrlKey: true }), false)).toMatchObject({
      accelerator: 'CommandOrControl+Up',
    });
  });

  it('shows modifiers alone as a partial combination', () => {
    expect(recordKey(press('ControlLeft', 'Control', { ctrlKey: true }), false)).toEqual({
      kind: 'partial',
      text: 'CommandOrControl+',
    });
  });

  it('refuses a key Electron has no name for', () => {
    expect(recordKey(press('Quote', "'", { ctrlKey: true }), false)).toEqual({
      kind: 'unsupported',
      key: "'",
    });
  });

  it('records only accelerators the shared check accepts', () => {
    for (const code of [
      'KeyA',
      'Digit0',
      'F12',
      'Space',
      'Minus',
      'Numpad3',
      'Enter',
      'Backquote',
    ]) {
      const recorded = recordKey(press(code, code, { ctrlKey: true, altKey: true }), false);
      expect(recorded.kind, code).toBe('done');
      if (recorded.kind === 'done')
        expect(() => checkAccelerator(recorded.accelerator)).not.toThrow();
    }
  });
});

describe('settingsPatch: the shortcut', () => {
  const draft = {
    marginMinutes: '10',
    removeExpiredProfiles: true,
    launchAtLogin: false,
    shortcut: DEFAULT_SETTINGS.shortcut,
    auditMonths: '12',
  };

  it('refuses a new one Electron would not parse, naming the field, before anything is sent', () => {
    expect(settingsPatch(DEFAULT_SETTINGS, { ...draft, shortcut: 'Ctrl+Y+Y' })).toEqual({
      ok: false,
      field: 'shortcut',
      problem:
        'shortcut: "Ctrl+Y+Y" has 2 keys (Y, Y); a shortcut has one; press modifiers and one key, e.g. CommandOrControl+Shift+Y',
    });
    expect(settingsPatch(DEFAULT_SETTINGS, { ...draft, shortcut: 'Alt+Shift+S' })).toEqual({
      ok: true,
      patch: { shortcut: 'Alt+Shift+S' },
    });
    // The saved one is not judged again (it may predate the check).
    const old = { ...DEFAULT_SETTINGS, shortcut: 'Ctrl+Y+Y' };
    expect(settingsPatch(old, { ...draft, shortcut: 'Ctrl+Y+Y' })).toEqual({ ok: true, patch: {} });
  });
});
