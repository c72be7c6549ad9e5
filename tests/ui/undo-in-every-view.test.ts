/**
 * Ctrl/Cmd+Z takes back a pending removal from every view of the popup, as
 * the Undo bar offers it there, but not from a field typed in since the
 * removal, where it undoes the field's own typing. Each case removes a role
 * in the list, opens another view, presses Ctrl+Z and checks the role is back
 * in the list and that the engine never heard of the removal, even once the
 * undo window is over.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { requireTool } from '../support/tools';
import { UNDO_MS } from '../../renderer/src/keys/pending-removal';
import { activeLabel, option } from './support/list-helpers';
import type { Popup } from './support/popup-harness';
import { addCatalog } from './support/sample-catalog';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

const labels = (engine: SessionManager) => engine.snapshot().roles.map((view) => view.role.label);

/** Removes Prod admin from the list; the Undo bar shows and the engine still has it. */
async function removeProdAdmin({ page, engine }: Popup) {
  await page.getByRole('combobox', { name: 'Search roles' }).fill('prod');
  expect(await activeLabel(page)).toBe('Prod admin');
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByTestId('undo-bar').waitFor();
  expect(await option(page, 'Prod admin').count()).toBe(0);
  expect(labels(engine)).toContain('Prod admin');
}

/** Runs the page's clock past the undo window: a removal still pending would reach the engine. */
async function pastUndoWindow({ page, bridge }: Popup) {
  await page.clock.runFor(UNDO_MS + 1000);
  // A round trip: a removeRole the page sent before it has reached the bridge's log.
  await page.evaluate(() => undefined);
  await bridge.flush();
}

interface ViewCase {
  readonly name: string;
  /** The key as Playwright presses it: Ctrl+Z, or Cmd+Z (Meta), which works on every platform too. */
  readonly press?: string;
  /** Opens the view from the list (after the removal) and waits for it. */
  readonly open: (page: Page) => Promise<void>;
}

const footer = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Switchyard' }).getByRole('button', { name });

const VIEWS: readonly ViewCase[] = [
  {
    name: 'the add form',
    open: async (page) => {
      await page.keyboard.press('Control+n');
      await page.getByRole('form', { name: 'Add role' }).waitFor();
    },
  },
  {
    name: 'the edit form',
    open: async (page) => {
      await page.keyboard.press('Control+e');
      await page.getByRole('form', { name: 'Edit role' }).waitFor();
    },
  },
  {
    name: 'import',
    open: async (page) => {
      await footer(page, 'Import…').click();
      await page.getByRole('region', { name: 'Import from AWS config' }).waitFor();
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await footer(page, 'Settings').click();
      await page.getByRole('form', { name: 'Settings' }).waitFor();
    },
  },
  {
    name: 'activity',
    open: async (page) => {
      await footer(page, 'Activity').click();
      await page.getByRole('region', { name: 'Activity' }).waitFor();
    },
  },
  {
    name: 'Identity Center',
    press: 'Meta+z',
    open: async (page) => {
      await footer(page, 'Identity Center').click();
      await page.getByRole('form', { name: 'Identity Center' }).waitFor();
    },
  },
  {
    name: 'team catalogs',
    open: async (page) => {
      await footer(page, 'Settings').click();
      await page.getByRole('button', { name: 'Subscriptions…' }).click();
      await page.getByRole('form', { name: 'Team catalogs' }).waitFor();
    },
  },
  {
    name: 'an account’s name',
    open: async (page) => {
      // The prod roles' heading is their old group, not an account: no Rename there.
      await page.getByRole('combobox', { name: 'Search roles' }).fill('');
      await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('form', { name: 'Account name' }).waitFor();
    },
  },
];

describe.skipIf(!chromium.available)(`Ctrl+Z in every view ${chromium.skipReason}`, () => {
  const ui = useUiSuite();
  // The page's clock stands still unless a test runs it: the undo window never
  // closes on its own while a slow machine works through the steps.
  const open = () =>
    ui.open({ setup: addCatalog, beforeLoad: (page) => page.clock.install({ time: Date.now() }) });

  it.each(VIEWS)('undoes a removal from $name', async ({ open: openView, press }) => {
    const popup = await open();
    const { page, engine, bridge } = popup;
    await removeProdAdmin(popup);
    await openView(page);
    expect(await page.getByTestId('undo-bar').textContent()).toContain('Removed Prod admin');

    // Wherever the view put the focus (most put it in their first field, untouched).
    await page.keyboard.press(press ?? 'Control+z');
    await expect.poll(() => page.getByTestId('undo-bar').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toBe('Restored Prod admin');
    await pastUndoWindow(popup);
    expect(bridge.log.calls).not.toContain('role:remove');
    expect(labels(engine)).toContain('Prod admin');

    await page.keyboard.press('Escape'); // back to the list, the role in it and selected
    await expect.poll(() => option(page, 'Prod admin').count()).toBe(1);
    expect(await activeLabel(page)).toBe('Prod admin');
  });

  it('leaves Ctrl+Z to a field typed in since the removal: it undoes the typing, not the removal', async () => {
    const popup = await open();
    const { page, engine, bridge } = popup;
    await removeProdAdmin(popup);
    await page.keyboard.press('Control+n');
    const label = page.getByRole('form', { name: 'Add role' }).getByLabel('Label', { exact: true });
    await label.fill('Half');
    await page.keyboard.press('Control+z');
    expect(await label.inputValue()).toBe(''); // the field's own undo
    expect(await page.getByTestId('undo-bar').textContent()).toContain('Removed Prod admin');
    await page.keyboard.press('Control+z'); // still the field's, though it has nothing left to undo
    expect(await page.getByTestId('undo-bar').count()).toBe(1);

    // Out of the field, on a button, Ctrl+Z takes back the removal again.
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('undo-bar').count()).toBe(0);
    await pastUndoWindow(popup);
    expect(bridge.log.calls).not.toContain('role:remove');
    expect(labels(engine)).toContain('Prod admin');
  });

  it('still removes when the undo window ends in another view', async () => {
    const popup = await open();
    const { page, engine, bridge } = popup;
    await removeProdAdmin(popup);
    await footer(page, 'Settings').click();
    await pastUndoWindow(popup);
    expect(bridge.log.calls).toContain('role:remove'); // what the other cases check is absent
    await expect.poll(() => labels(engine)).not.toContain('Prod admin');
    expect(await page.getByTestId('undo-bar').count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Control+z'); // nothing pending: nothing comes back
    await page.keyboard.press('Escape');
    expect(await option(page, 'Prod admin').count()).toBe(0);
  });
});
