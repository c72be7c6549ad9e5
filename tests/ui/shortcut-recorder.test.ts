import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { roleForm } from './support/popup-harness';
import { axeViolations } from './support/axe';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

describe.skipIf(!chromium.available)(`the shortcut recorder ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  const openSettings = async (colorScheme: 'light' | 'dark' = 'light') => {
    const popup = await ui.open({
      colorScheme,
      setup: async (engine) => {
        await engine.addRole(roleForm('dev'));
      },
    });
    await popup.page.getByRole('button', { name: 'Settings' }).click();
    return popup;
  };

  it('records a combination as an Electron accelerator; Backspace clears, Escape cancels', async () => {
    const { page, engine, bridge, problems } = await openSettings();
    const field = page.getByLabel('Open shortcut');
    const status = page.getByTestId('shortcut-status');
    expect(await status.textContent()).toBe('Shortcut active');

    await field.focus();
    await page.keyboard.press('Control+Alt+K');
    expect(await field.inputValue()).toBe('CommandOrControl+Alt+K');

    // Escape puts back what was there, and the popup stays on Settings.
    await field.press('Space'); // record again
    await page.keyboard.press('Control+Shift+J');
    expect(await field.inputValue()).toBe('CommandOrControl+Shift+J');
    await field.press('Space');
    await page.keyboard.press('Backspace');
    expect(await field.inputValue()).toBe('');
    await page.keyboard.press('Escape');
    expect(await field.inputValue()).toBe('CommandOrControl+Shift+J');
    expect(await page.getByRole('form', { name: 'Settings' }).isVisible()).toBe(true);
    expect(bridge.log.hidden).toBe(0);

    // Saved, the view stays to say whether the shell could register it.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => engine.snapshot().settings.shortcut).toBe('CommandOrControl+Shift+J');
    await expect.poll(() => status.textContent()).toBe('Shortcut active');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Settings saved');
    expect(problems).toEqual([]);
  });

  it('refuses a shortcut Electron would not parse, in one line on the field', async () => {
    const { page, engine, bridge } = await openSettings();
    const field = page.getByLabel('Open shortcut');
    await field.focus();
    await page.keyboard.press('Shift+Y'); // a plain capital Y: every app's
    const note = page.getByTestId('shortcut-note');
    const message =
      'shortcut: "Shift+Y" would take that key from every app; add Control, Alt, Command or Super, e.g. CommandOrControl+Shift+Y';
    expect(await note.textContent()).toBe(message); // as soon as it is pressed
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await note.textContent()).toBe(message);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.log.calls).not.toContain('settings:update');
    expect(engine.snapshot().settings.shortcut).toBe('CommandOrControl+Shift+Y');
  });

  it('says when the shell could not register the shortcut (another app holds it)', async () => {
    const { page, engine, bridge } = await openSettings();
    bridge.log.takenShortcuts.add('CommandOrControl+Alt+T');
    const field = page.getByLabel('Open shortcut');
    await field.focus();
    await page.keyboard.press('Control+Alt+T');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => engine.snapshot().settings.shortcut).toBe('CommandOrControl+Alt+T');
    await expect
      .poll(() => page.getByTestId('shortcut-status').textContent())
      .toBe('Couldn’t register CommandOrControl+Alt+T: another app may use it');
  });

  it.each(['light', 'dark'] as const)(
    'passes axe while recording and when refused (%s)',
    async (scheme) => {
      const { page, bridge } = await openSettings(scheme);
      bridge.log.takenShortcuts.add('CommandOrControl+Alt+T');
      await page.getByLabel('Open shortcut').focus();
      await page.keyboard.press('Control+Alt+T');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.getByTestId('shortcut-status').textContent())
        .toMatch(/^Couldn’t/);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Open shortcut').focus();
      await page.keyboard.press('Shift+Y');
      await page.getByRole('button', { name: 'Save' }).click();
      expect(await axeViolations(page)).toEqual([]);
    },
  );
});
