import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const LONG_GROUP = 'platform-engineering-shared-services-production-eu-central';
const LONG_NAME = 'OrganizationAccountAccessRoleForTheCentralSecurityTooling';
const LONG_PROFILE = 'platform-engineering-shared-services-production-security-tooling';

/** Whether an element shows all of its text: nothing clipped by an ellipsis or overflow. */
async function showsAll(page: Page, selector: string) {
  const seen = await page.locator(selector).evaluate((el) => ({
    debug: `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight} ${getComputedStyle(el).whiteSpace} ${el.parentElement!.clientWidth} ${el.closest('footer')?.clientWidth}`,
    fits: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
    ellipsis:
      getComputedStyle(el).textOverflow === 'ellipsis' &&
      getComputedStyle(el).whiteSpace === 'nowrap',
  }));
  expect(seen.fits, seen.debug).toBe(true);
  return { fits: seen.fits, ellipsis: seen.ellipsis };
}

describe.skipIf(!chromium.available)(`messages in the tray's words ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('names a role by its label, never its id, when a verb needs it active', async () => {
    const { page, engine } = await ui.open({
      setup: async (engine) => void (await engine.addRole(roleForm('Billing'))),
    });
    const id = engine.snapshot().roles[0]!.role.id;
    await page.getByRole('combobox').fill('billing');
    await page.keyboard.press('Control+r');
    await expect
      .poll(() => page.locator('.status-error').textContent())
      .toBe('Billing is not active; activate it first');
    expect(await page.locator('.footer-bar').textContent()).not.toContain(id);
  });

  it('shows a form problem under its field without the internal field name', async () => {
    const { page } = await ui.open();
    await page.getByRole('button', { name: 'Add role' }).click();
    const form = page.getByRole('form', { name: 'Add role' });
    const colour = form.getByLabel('Colour', { exact: true });
    await colour.fill('not-a-colour');
    await form.getByRole('button', { name: 'Add role' }).click();
    const note = page.locator(`#${await colour.getAttribute('aria-describedby')}`);
    await expect.poll(() => note.textContent()).not.toBe('');
    expect(await note.textContent()).not.toMatch(/^colou?r:/i);
    expect(await note.textContent()).toMatch(/^[A-Z"]/);
  });

  it('wraps long account, role and profile names and long footer messages instead of cutting them', async () => {
    const { page } = await ui.open({
      setup: async (engine) =>
        void (await engine.addRole({
          ...roleForm('Security tooling', { group: LONG_GROUP, profile: LONG_PROFILE }),
          roleArn: `arn:aws:iam::210987654321:role/${LONG_NAME}`,
        })),
    });
    await page.getByRole('combobox').fill('security');
    const line = page.locator('.role-details .details-line.muted').first();
    const text = (await line.textContent()) ?? '';
    for (const part of [LONG_GROUP, LONG_NAME, LONG_PROFILE]) expect(text).toContain(part);
    expect(await showsAll(page, '.role-details .details-line.muted')).toEqual({
      fits: true,
      ellipsis: false,
    });

    // A long confirmation in the footer wraps too (Copy for terminal names the role).
    await page.getByRole('button', { name: 'Copy for terminal' }).click();
    await expect.poll(() => page.locator('.status-info').textContent()).toMatch(/^Copied/);
    expect(await showsAll(page, '.status-info')).toEqual({ fits: true, ellipsis: false });
  });
});
