import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { activeLabel, option } from './support/list-helpers';
import { accessKeyOf, roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

describe.skipIf(!chromium.available)(`adding, editing and settings ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it("adds a role: the shared validators' messages inline, the engine's refusal, then success", async () => {
    const { page, bridge, engine, home, problems } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('Existing', { profile: 'taken' }));
      },
    });
    await page.getByRole('button', { name: 'Add role' }).click();
    const form = page.getByRole('form', { name: 'Add role' });
    const field = (label: string) => form.getByLabel(label, { exact: true });
    const problemOf = async (label: string) => {
      const id = await field(label).getAttribute('aria-describedby');
      return page.locator(`#${id}`).textContent();
    };

    await field('Label').fill('Prod admin');
    expect(await field('Profile').inputValue()).toBe('prod-admin'); // suggested from the label
    await field('Role ARN').fill('123456789012');
    expect(await problemOf('Role ARN')).toBe(
      '"123456789012" is an account ID, not a role ARN; use arn:aws:iam::123456789012:role/NAME',
    );
    await field('Region').fill('US-EAST-1');
    expect(await problemOf('Region')).toBe('"US-EAST-1" has capital letters; use us-east-1');
    await field('Duration (s)').fill('1h');
    expect(await problemOf('Duration (s)')).toMatch(/^"1h" is not a whole number of seconds/);
    await form.getByLabel('Source profile').fill('has space');
    await screenshot(page, 'add-role-invalid', true);

    await form.getByRole('button', { name: 'Add role' }).click();
    expect(bridge.log.calls).not.toContain('role:add'); // nothing sent while a field is wrong

    await field('Role ARN').fill('arn:aws:iam::210987654321:role/Admin');
    await field('Region').fill('us-east-1');
    await field('Duration (s)').fill('3600');
    await form.getByLabel('Source profile').fill('source');
    await field('Profile').fill('taken');
    expect(await problemOf('Role ARN')).toBe('');
    await form.getByRole('button', { name: 'Add role' }).click();
    // Only the engine knows the profile is taken: its InputError, under the field and above the buttons.
    await expect
      .poll(() => page.getByTestId('form-error').textContent())
      .toMatch(/^profile: "taken" is already written by "Existing"; /);
    // Under its labelled field: no field-name prefix, and never a role id.
    expect(await problemOf('Profile')).toMatch(/^"taken" is already written by "Existing"; /);
    expect(await page.getByTestId('form-error').textContent()).not.toContain('(id ');

    await field('Profile').fill('prod-admin');
    await form.getByRole('button', { name: 'Add role' }).click();
    await expect.poll(() => activeLabel(page)).toBe('Prod admin');
    expect(await page.getByRole('status').textContent()).toBe('Saved Prod admin');
    const added = engine.snapshot().roles.find((r) => r.role.label === 'Prod admin')!.role;
    expect(added).toMatchObject({
      profile: 'prod-admin',
      region: 'us-east-1',
      durationSeconds: 3600,
      source: { kind: 'profile', profile: 'source' },
    });

    await page.keyboard.press('Enter'); // the new role is selected: activate it
    await expect.poll(() => accessKeyOf(home.readCredentials(), 'prod-admin')).toMatch(/^ASIA/);
    expect(problems).toEqual([]);
  });

  it('edits a role and removes it', async () => {
    const { page, engine, bridge } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('dev', { group: 'team' }));
      },
    });
    await page.keyboard.press('Control+e');
    const form = page.getByRole('form', { name: 'Edit role' });
    expect(await form.getByLabel('Group', { exact: true }).inputValue()).toBe('team');
    await form.getByLabel('Label', { exact: true }).fill('Developer');
    await form.getByRole('button', { name: 'blue' }).click();
    await form.getByLabel('Tags', { exact: true }).fill('eng, daily');
    await form.getByLabel('Console browser', { exact: true }).fill('Brave');
    await form.getByLabel('Chromium profile', { exact: true }).fill('Profile 2');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => option(page, 'Developer').count()).toBe(1);
    expect(engine.snapshot().roles[0]!.role).toMatchObject({
      label: 'Developer',
      color: '83d4e8',
      tags: ['eng', 'daily'],
      console: { browser: 'brave', profileDirectory: 'Profile 2' },
    });

    // Emptied, the browser setting goes: the role follows the default again.
    await page.keyboard.press('Control+e');
    await form.getByLabel('Console browser', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => engine.snapshot().roles[0]!.role.console).toBeUndefined();

    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => page.locator('.empty-state').textContent()).toContain('No roles yet');
    await bridge.setPopupVisible(false); // hiding the popup ends the undo window
    await expect.poll(() => engine.snapshot().roles).toEqual([]);
  });

  it("saves settings, showing the engine's message for a value it refuses", async () => {
    const { page, engine, bridge } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('dev'));
      },
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    const margin = page.getByLabel('Refresh before expiry (min)');
    expect(await margin.inputValue()).toBe('10');
    await margin.fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByTestId('settings-error').textContent())
      .toBe(
        'Refresh before expiry: 30 minutes is out of range; use 1–14 minutes (under the 15-minute shortest session)',
      );
    await margin.fill('5');
    await page.getByLabel('Launch at login').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Settings saved');
    expect(engine.snapshot().settings).toMatchObject({
      refreshMarginSeconds: 300,
      launchAtLogin: true,
    });
    // Escape in a sub-view goes back to the list; it does not close the popup.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('combobox').isVisible()).toBe(true);
    expect(bridge.log.hidden).toBe(0);
  });
});
