import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const DENIED = 'arn:aws:iam::210987654321:role/Locked';

describe.skipIf(!chromium.available)(`the Activity view ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('shows the last day of the audit trail, newest first, filterable, by keyboard', async () => {
    ui.sts.configureRole(DENIED, { deny: true });
    const { page } = await ui.open({
      setup: async (engine) => {
        const fine = await engine.addRole(roleForm('Fine', { group: 'prod' }));
        await engine.activate(fine.id);
        const locked = await engine.addRole({ ...roleForm('Locked'), roleArn: DENIED });
        await engine.activate(locked.id).catch(() => undefined);
      },
    });
    // From the search box, Tab reaches the footer's Activity button.
    await page.getByRole('combobox').focus();
    let guard = 0;
    while (
      (await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Activity' &&
      guard++ < 30
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');

    const view = page.getByRole('region', { name: 'Activity' });
    const items = view.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toMatch(/Failed · Locked.*tray · AccessDenied/);
    expect(await items.nth(1).textContent()).toMatch(/Assumed · Fine.*Fine · tray · until \d/);
    // The filter has the caret as the view opens.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Filter activity',
    );
    await page.keyboard.type('fine');
    await expect.poll(() => items.count()).toBe(1);
    expect(await view.getByRole('status').textContent()).toBe('1 of 2 events');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await view.getByRole('checkbox', { name: 'Failures only' }).check();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.nth(0).textContent()).toMatch(/AccessDenied/);
    await screenshot(page, 'activity', true);

    await page.keyboard.press('Escape');
    await expect.poll(() => view.count()).toBe(0);
    expect(await page.getByRole('combobox').isVisible()).toBe(true);
  });
});
