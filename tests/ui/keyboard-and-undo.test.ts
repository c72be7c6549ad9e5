/**
 * Issue #14's keyboard bugs: shortcuts wherever focus is in the popup (3),
 * a new filter selecting its first match (6), Escape asking before it drops a
 * half-filled form (3), and delete with undo, focus landing on the next row.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { requireTool } from '../support/tools';
import { activeLabel, focusedLabel, option } from './support/list-helpers';
import { accessKeyOf } from './support/popup-harness';
import { addCatalog } from './support/sample-catalog';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

function stateOf(engine: SessionManager, label: string) {
  return engine.snapshot().roles.find((view) => view.role.label === label)?.state;
}

/** What has the focus: the search box, a button's text, or the element's tag. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    return element.getAttribute('aria-label') ?? element.textContent ?? element.tagName;
  });
}

describe.skipIf(!chromium.available)(`the keyboard ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('runs the list shortcuts from any button, leaving Enter and typing to the control', async () => {
    const { page, bridge, engine } = await ui.open({ setup: addCatalog });
    expect(await activeLabel(page)).toBe('Billing');

    // From a button of the details: the arrows move the list and bring focus back to the search.
    await page.getByRole('button', { name: 'Console', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe('Sandbox');
    expect(await focusedLabel(page)).toBe('Search roles');

    // From a footer button: Ctrl+T copies the selected role's terminal line.
    await page.getByRole('button', { name: 'Activity' }).focus();
    await page.keyboard.press('Control+t');
    await expect.poll(() => bridge.log.clipboard.length).toBe(1);
    expect(bridge.log.clipboard[0]).toContain("'Sandbox'");
    await page.keyboard.press('Control+End'); // not a shortcut: nothing happens
    await page.keyboard.press('Control+ArrowDown');
    expect(await activeLabel(page)).toBe('Staging dev');

    // Enter on a button presses that button, it does not toggle the role.
    await page.getByRole('button', { name: 'Edit…' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Edit role' });
    await form.waitFor();
    expect(stateOf(engine, 'Staging dev')).toBe('inactive');

    // In a form field, typing types: plain keys are not shortcuts there.
    const label = form.getByLabel('Label', { exact: true });
    await label.press('End');
    await page.keyboard.type(' x');
    expect(await label.inputValue()).toBe('Staging dev x');
  });

  it('asks before Escape drops a half-filled form, by keyboard', async () => {
    const { page } = await ui.open({ setup: addCatalog });
    // An untouched form goes at once.
    await page.keyboard.press('Control+n');
    await page.getByRole('form', { name: 'Add role' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await focusedLabel(page)).toBe('Search roles');

    await page.keyboard.press('Control+n');
    const form = page.getByRole('form', { name: 'Add role' });
    await form.getByLabel('Label', { exact: true }).fill('Half done');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard changes?' });
    expect(await ask.isVisible()).toBe(true);
    expect(await focused(page)).toBe('Keep editing');
    await page.keyboard.press('Enter'); // keep editing: back in the field, the text kept
    expect(await ask.count()).toBe(0);
    expect(await form.getByLabel('Label', { exact: true }).inputValue()).toBe('Half done');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('role-label');

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape'); // Escape again also keeps editing
    expect(await ask.count()).toBe(0);
    expect(await form.isVisible()).toBe(true);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab'); // Keep editing → Discard
    expect(await focused(page)).toBe('Discard');
    await page.keyboard.press('Enter');
    expect(await form.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('Search roles');
  });

  it('selects the first match of a new filter, so Enter acts on the top result', async () => {
    const { page, engine } = await ui.open({ setup: addCatalog });
    const search = page.getByRole('combobox', { name: 'Search roles' });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe('Prod read-only');
    await search.pressSequentially('prod'); // Prod read-only still matches, below Prod admin
    expect(await activeLabel(page)).toBe('Prod admin');
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(engine, 'Prod admin')).toBe('active');
    expect(stateOf(engine, 'Prod read-only')).toBe('inactive');
  });

  it('removes at once with an undo, commits after the undo window or on hide, focus on the next row', async () => {
    const { page, engine, bridge, home } = await ui.open({
      setup: async (engine) => {
        await addCatalog(engine);
        const admin = engine.snapshot().roles.find((view) => view.role.label === 'Prod admin');
        await engine.activate(admin!.role.id);
      },
      beforeLoad: (page) => page.clock.install({ time: Date.now() }),
    });
    const search = page.getByRole('combobox', { name: 'Search roles' });
    await search.fill('prod');
    expect(await activeLabel(page)).toBe('Prod admin');
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    expect(await option(page, 'Prod admin').count()).toBe(0);
    expect(await page.getByTestId('undo-bar').textContent()).toContain('Removed Prod admin');
    expect(await activeLabel(page)).toBe('Prod read-only'); // the next row
    expect(await focusedLabel(page)).toBe('Search roles');
    // Nothing has changed yet: the role and its session are still there.
    expect(stateOf(engine, 'Prod admin')).toBe('active');
    expect(accessKeyOf(home.readCredentials(), 'prod-admin')).toMatch(/^ASIA/);

    await page.keyboard.press('Control+z');
    expect(await option(page, 'Prod admin').count()).toBe(1);
    expect(await page.getByTestId('undo-bar').count()).toBe(0);
    expect(await activeLabel(page)).toBe('Prod admin');
    expect(stateOf(engine, 'Prod admin')).toBe('active'); // undo is exact: same id, same session

    // By keyboard this time; the undo window ends: the engine removes it and its profile.
    await page.getByRole('button', { name: 'Remove', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await focusedLabel(page)).toBe('Search roles');
    await page.clock.runFor(6000);
    await expect.poll(() => stateOf(engine, 'Prod admin')).toBeUndefined();
    expect(accessKeyOf(home.readCredentials(), 'prod-admin')).toBeUndefined();
    expect(await page.getByTestId('undo-bar').count()).toBe(0);

    // The popup hiding inside the undo window commits the removal too.
    await search.fill('sandbox');
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    expect(stateOf(engine, 'Sandbox')).toBe('inactive');
    await bridge.setPopupVisible(false);
    await expect.poll(() => stateOf(engine, 'Sandbox')).toBeUndefined();
    expect(
      engine
        .snapshot()
        .roles.map((view) => view.role.label)
        .sort(),
    ).toEqual(['Billing', 'Prod read-only', 'Staging dev']);
  });

  it('puts focus back in the popup when the focused control goes away; the list is a tab stop', async () => {
    const { page, engine } = await ui.open({ setup: addCatalog });
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await focused(page)).not.toBe('body'); // the view's first control
    await page.keyboard.press('Escape');
    expect(await focusedLabel(page)).toBe('Search roles');
    await page.getByRole('button', { name: 'Make default' }).focus();
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await expect.poll(() => focusedLabel(page)).toBe('Search roles');

    // Tab reaches the list itself (it scrolls); its keys work there and keep the focus.
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Roles');
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe('Sandbox');
    expect(await focusedLabel(page)).toBe('Roles');
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(engine, 'Sandbox')).toBe('active');
  });
});
