/**
 * The views the docs show that no behaviour test already photographs: 500 roles,
 * the settings and the Add form. Each waits for what makes the picture worth
 * having before it shoots; `npm run screenshots` refreshes docs/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { option } from './support/list-helpers';
import { roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const MANY = 500;
const ACCOUNTS = ['111122223333', '210987654321', '444455556666', '777788889999', '123412341234'];

describe.skipIf(!chromium.available)(`docs screenshots ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it(`lists ${MANY} roles across accounts, a few of them live`, async () => {
    const { page } = await ui.open({
      setup: async (engine) => {
        for (let i = 0; i < MANY; i += 1) {
          const account = ACCOUNTS[i % ACCOUNTS.length]!;
          const name = `Team${String(i).padStart(3, '0')}`;
          await engine.addRole({
            ...roleForm(name),
            roleArn: `arn:aws:iam::${account}:role/${name}`,
            profile: `team-${String(i).padStart(3, '0')}`,
          });
        }
        const ids = engine.snapshot().roles.map((view) => view.role.id);
        for (const id of ids.slice(0, 3)) await engine.activate(id);
      },
    });
    await expect.poll(() => page.getByTestId('countdown').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('option').first().getAttribute('aria-setsize')).toBe(String(MANY));
    await screenshot(page, 'list-500', true);
  });

  it('shows the settings with their current values', async () => {
    const { page } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('Prod admin', { profile: 'prod-admin' }));
      },
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: /settings/i });
    await form.waitFor();
    expect(await form.getByRole('textbox').count()).toBeGreaterThan(0);
    await screenshot(page, 'settings', true);
  });

  it('shows the Add form filled in, with the profile it will write', async () => {
    const { page } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('Prod admin', { profile: 'prod-admin' }));
      },
    });
    await option(page, 'Prod admin').waitFor();
    await page.getByRole('button', { name: 'Add role' }).click();
    const form = page.getByRole('form', { name: 'Add role' });
    await form.getByLabel('Label', { exact: true }).fill('Staging deploy');
    await form
      .getByLabel('Role ARN', { exact: true })
      .fill('arn:aws:iam::444455556666:role/Deploy');
    expect(await form.getByLabel('Profile', { exact: true }).inputValue()).toBe('staging-deploy');
    await screenshot(page, 'add', true);
  });
});
