import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillAccountAlias } from '../../electron/core/catalog/account-names';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { requireTool } from '../support/tools';
import { axeViolations } from './support/axe';
import { focusedLabel, option } from './support/list-helpers';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

/** Two accounts: acme-prod (named, two roles with an old group) and 4567… (no name). */
async function addCatalog(engine: SessionManager) {
  await engine.addRole({
    ...roleForm('Prod admin', { profile: 'prod-admin', group: 'prod' }),
    roleArn: 'arn:aws:iam::210987654321:role/Admin',
  });
  await engine.addRole({
    ...roleForm('Prod read-only', { profile: 'prod-ro', group: 'prod' }),
    roleArn: 'arn:aws:iam::210987654321:role/ReadOnly',
  });
  await engine.addRole({
    ...roleForm('Billing', { profile: 'billing' }),
    roleArn: 'arn:aws:iam::456789012345:role/BillingViewer',
  });
  await engine.addRole({
    ...roleForm('Sandbox', { profile: 'sandbox' }),
    roleArn: 'arn:aws:iam::456789012345:role/Sandbox',
  });
  await engine.updateAccount('210987654321', { alias: 'acme-prod', color: 'f2b0a9' });
}

const BILLING = '456789012345';

const headings = (page: Page) => page.locator('.group-header').allTextContents();

describe.skipIf(!chromium.available)(`account names in the tray ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('heads each account "alias · id in fours · n roles", rows showing only the profile', async () => {
    const { page, problems } = await ui.open({ setup: addCatalog });
    await option(page, 'Billing').waitFor();
    expect(await headings(page)).toEqual([
      '4567-8901-2345 · 2 roles',
      'acme-prod · 2109-8765-4321 · 2 roles',
    ]);
    // The account alias wins over the roles' old group; the heading names the account.
    expect(await option(page, 'Prod admin').locator('.role-meta').textContent()).toBe('prod-admin');
    expect(await option(page, 'Billing').locator('.role-meta').textContent()).toBe('billing');
    // The alias is searchable.
    await page.getByRole('combobox', { name: 'Search roles' }).fill('acme');
    expect(await page.locator('[role=option] .role-label').allTextContents()).toEqual([
      'Prod admin',
      'Prod read-only',
    ]);
    expect(await headings(page)).toEqual(['acme-prod · 2109-8765-4321 · 2 roles']);
    expect(problems).toEqual([]);
  });

  it('renames an account from its heading by keyboard, with a colour, and says so', async () => {
    const { page, engine, problems } = await ui.open({ setup: addCatalog });
    await option(page, 'Billing').waitFor();
    expect(await focusedLabel(page)).toBe('Search roles');
    // Tab from the search box reaches the list, then the first heading's Rename button.
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Roles');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Rename account 4567-8901-2345');
    await page.keyboard.press('Enter');
    const alias = page.getByRole('textbox', { name: 'Alias' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('account-alias');
    await alias.fill('x'.repeat(65));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('account-error').textContent())
      .toBe('alias: is 65 characters long; shorten it to 64');
    expect(engine.snapshot().roles.find((v) => v.role.label === 'Billing')?.account).toBe(
      undefined,
    );

    await alias.fill('acme-billing');
    await page.getByRole('button', { name: 'green' }).click();
    await alias.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => headings(page))
      .toEqual(['acme-billing · 4567-8901-2345 · 2 roles', 'acme-prod · 2109-8765-4321 · 2 roles']);
    await expect
      .poll(() => page.locator('.footer-bar').textContent())
      .toContain('Saved acme-billing');
    expect(engine.snapshot().roles.find((v) => v.role.label === 'Billing')?.account).toEqual({
      alias: 'acme-billing',
      color: 'b7ca9d',
      aliasFrom: 'user',
    });

    // Clear takes the name away again; Escape leaves the editor without saving.
    await page
      .getByRole('button', { name: 'Rename account acme-billing · 4567-8901-2345' })
      .click();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => headings(page)).toContain('4567-8901-2345 · 2 roles');
    // The clear sticks: kept as the user's choice of none, which no automatic name fills.
    expect(engine.snapshot().roles.find((v) => v.role.label === 'Billing')?.account).toEqual({
      aliasFrom: 'user',
    });
    await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).click();
    await expect
      .poll(() => page.locator('.account-view').textContent())
      .toContain('Cleared: no automatic name fills it.');
    await page.keyboard.press('Escape');
    // Handed back to automatic naming, a colour saved with the alias left empty keeps it so.
    await engine.updateAccount('456789012345', { autoAlias: true });
    await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).click();
    await page.getByRole('button', { name: 'green' }).click();
    await page.getByRole('textbox', { name: 'Alias' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => engine.snapshot().roles.find((v) => v.role.label === 'Billing')?.account)
      .toEqual({ color: 'b7ca9d' });
    await page.getByRole('button', { name: 'Rename account acme-prod · 2109-8765-4321' }).click();
    await page.getByRole('textbox', { name: 'Alias' }).fill('unsaved');
    await page.keyboard.press('Escape');
    await expect.poll(() => headings(page)).toContain('acme-prod · 2109-8765-4321 · 2 roles');
    expect(problems).toEqual([]);
  });

  it('hands a cleared alias, then the user’s own, back to automatic naming by keyboard', async () => {
    const { page, engine, problems } = await ui.open({ setup: addCatalog });
    const billing = () => engine.snapshot().roles.find((v) => v.role.label === 'Billing')?.account;
    const prod = () => engine.snapshot().roles.find((v) => v.role.label === 'Prod admin')?.account;
    const hint = () => page.locator('#account-alias-note').textContent();
    const automatic = page.getByRole('button', { name: 'Name automatically' });
    await option(page, 'Billing').waitFor();
    // An account without a name: nothing to hand back, and the hint says it may be filled.
    await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).click();
    await expect.poll(hint).toBe('None yet: Identity Center, IAM or a team catalog may fill it.');
    expect(await automatic.count()).toBe(0);
    // Named, coloured, then cleared in the tray: the clear is the user's.
    await page.getByRole('textbox', { name: 'Alias' }).fill('acme-billing');
    await page.getByRole('button', { name: 'green' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('button', { name: 'Rename account acme-billing · 4567-8901-2345' })
      .click();
    await page.getByRole('textbox', { name: 'Alias' }).fill('');
    await page.keyboard.press('Enter');
    await expect.poll(billing).toEqual({ color: 'b7ca9d', aliasFrom: 'user' });
    expect(fillAccountAlias({ [BILLING]: billing()! }, BILLING, 'billing-iam', 'iam')).toBe(
      undefined,
    );

    await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).click();
    await expect
      .poll(hint)
      .toBe(
        'Cleared: no automatic name fills it. Name automatically lets Identity Center, IAM or a team catalog fill it.',
      );
    expect(await axeViolations(page)).toEqual([]);
    await automatic.focus();
    await page.keyboard.press('Enter');
    // No longer the user's choice: the colour stays, and automatic naming may fill the alias.
    await expect.poll(billing).toEqual({ color: 'b7ca9d' });
    // The footer follows once the page has the answer, after the engine's write.
    await expect
      .poll(() => page.locator('.footer-bar').textContent())
      .toContain('Account 4567-8901-2345 is named automatically');
    expect(fillAccountAlias({ [BILLING]: billing()! }, BILLING, 'billing-iam', 'iam')).toEqual({
      [BILLING]: { color: 'b7ca9d', alias: 'billing-iam', aliasFrom: 'iam' },
    });
    await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).click();
    await expect.poll(hint).toBe('None yet: Identity Center, IAM or a team catalog may fill it.');
    expect(await automatic.count()).toBe(0);
    await page.keyboard.press('Escape');

    // The user's own alias can be handed back too; the colour in the field is saved with it.
    await page.getByRole('button', { name: 'Rename account acme-prod · 2109-8765-4321' }).click();
    await expect
      .poll(hint)
      .toBe(
        'Yours: no automatic name replaces it. Name automatically lets Identity Center, IAM or a team catalog fill it.',
      );
    await page.getByRole('button', { name: 'blue' }).click();
    await automatic.focus();
    await page.keyboard.press('Space');
    await expect.poll(prod).toEqual({ color: '83d4e8' });
    expect(problems).toEqual([]);
  });

  it.each(['light', 'dark'] as const)(
    'passes axe in the list and the account editor (%s)',
    async (colorScheme) => {
      const { page } = await ui.open({ setup: addCatalog, colorScheme });
      await option(page, 'Billing').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Rename account 4567-8901-2345' }).click();
      await page.getByRole('textbox', { name: 'Alias' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    },
  );
});
