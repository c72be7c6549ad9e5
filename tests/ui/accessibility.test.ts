/**
 * An axe-core pass (WCAG 2.2 A and AA) over every view of the popup, light and
 * dark, with the states that draw the most: a live role, a failed one, one
 * waiting on an MFA code with its prompt. Also the screen-reader semantics of
 * issue #14's bug 9: rows read their own text, outcomes reach one live region,
 * each account's rows are a named group, the shortcuts are visible.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { requireTool } from '../support/tools';
import { axeViolations } from './support/axe';
import { option } from './support/list-helpers';
import { roleForm, USER_CREDENTIALS } from './support/popup-harness';
import { type UiSuite, useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const DENIED = 'arn:aws:iam::210987654321:role/Locked';
const CONFIG = [
  '[profile source]',
  'region = eu-west-1',
  '',
  '[profile imported]',
  'role_arn = arn:aws:iam::333333333333:role/Imported',
  'source_profile = source',
  '',
].join('\n');

/** Eight roles in three accounts: one live, one failed, one waiting on an MFA code. */
function eightRoles(ui: UiSuite) {
  return async (engine: SessionManager) => {
    ui.sts.configureRole(DENIED, { deny: true });
    const serial = ui.sts.mfa!.serial;
    ui.sts.configureRole('arn:aws:iam::210987654321:role/Secure', { requireMfa: true });
    const role = (name: string, extra: Record<string, unknown> = {}) =>
      roleForm(name, { profile: name.toLowerCase().replace(' ', '-'), ...extra });
    const live = await engine.addRole(role('Prod admin', { group: 'prod', color: 'f2b0a9' }));
    await engine.addRole({ ...role('Locked', { group: 'prod' }), roleArn: DENIED });
    const secure = await engine.addRole(
      role('Secure', { group: 'prod', mfaSerial: serial, color: '83d4e8' }),
    );
    for (const name of ['Staging dev', 'Staging ops']) {
      await engine.addRole({
        ...role(name, { group: 'staging' }),
        roleArn: `arn:aws:iam::345678901234:role/${name.replace(' ', '')}`,
      });
    }
    for (const name of ['Billing', 'Sandbox', 'Audit']) {
      const added = await engine.addRole({
        ...role(name),
        roleArn: `arn:aws:iam::456789012345:role/${name}`,
      });
      if (name === 'Billing') await engine.setDefault(added.id);
    }
    await engine.activate(live.id);
    await engine.activate(secure.id);
    const locked = engine.snapshot().roles.find((view) => view.role.label === 'Locked');
    await engine.activate(locked!.role.id).catch(() => undefined);
  };
}

async function select(page: Page, query: string) {
  await page.getByRole('combobox', { name: 'Search roles' }).fill(query);
}

describe.skipIf(!chromium.available)(`accessibility ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no axe violation in any view (${colorScheme})`, async () => {
      const { page, engine, problems } = await ui.open({
        colorScheme,
        config: CONFIG,
        setup: eightRoles(ui),
      });
      await expect
        .poll(() => engine.snapshot().roles.find((r) => r.role.label === 'Locked')?.state)
        .toBe('error');
      await option(page, 'Locked').waitFor();
      // The states that draw the most are all on screen: live, failed, waiting on a code.
      expect(await page.getByRole('form', { name: 'MFA code' }).count()).toBe(1);
      expect(await option(page, 'Secure').locator('.role-status').textContent()).toBe('MFA');
      expect(await option(page, 'Prod admin').locator('.countdown').count()).toBe(1);
      const found: Record<string, string[]> = {};
      const check = async (name: string) => {
        const violations = await axeViolations(page);
        if (violations.length > 0) found[name] = violations;
      };
      const back = async () => {
        await page.keyboard.press('Escape');
        await page.getByRole('combobox', { name: 'Search roles' }).waitFor();
      };

      await check('list');
      await select(page, 'locked');
      await check('failed role details');
      await select(page, 'prod admin');
      await page.getByRole('button', { name: 'Open in…' }).click();
      await check('open in menu');
      await page.keyboard.press('Escape');
      await select(page, 'sandbox');
      await page.getByRole('button', { name: 'Remove', exact: true }).click();
      await check('undo bar');
      await page.keyboard.press('Control+z');

      await page.keyboard.press('Control+n');
      await page.getByRole('form', { name: 'Add role' }).waitFor();
      await check('add form');
      await back();

      await select(page, 'billing');
      await page.keyboard.press('Control+e');
      const edit = page.getByRole('form', { name: 'Edit role' });
      await edit.getByLabel('Label', { exact: true }).fill('');
      await edit.getByLabel('Role ARN', { exact: true }).fill('arn:aws:iam::1:role/x');
      await edit.getByRole('button', { name: 'Save' }).click();
      await check('edit form with errors');
      await page.keyboard.press('Escape');
      await page.getByRole('alertdialog', { name: 'Discard changes?' }).waitFor();
      await check('discard prompt');
      await page.getByRole('button', { name: 'Discard' }).click();

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Subscriptions…' }).waitFor();
      await check('settings');
      await page.getByRole('button', { name: 'Subscriptions…' }).click();
      await page.getByText('Team catalogs').first().waitFor();
      await check('team catalogs');
      await back();

      await page.getByRole('button', { name: 'Identity Center' }).click();
      await page.locator('.view-title').first().waitFor();
      await check('identity center');
      await back();

      await page.getByRole('button', { name: 'Activity' }).click();
      await page.getByText('Activity, last 24 hours').waitFor();
      await check('activity');
      await back();

      await page.getByRole('button', { name: 'Import…' }).click();
      await page.getByTestId('import-add').waitFor();
      await check('import preview');
      await back();

      expect(found).toEqual({});
      expect(problems).toEqual([]);
    });

    it(`finds no axe violation in the empty state (${colorScheme})`, async () => {
      const { page, problems } = await ui.open({ colorScheme, config: CONFIG });
      await page.locator('.empty-state').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }

  it('reads each row by its own text, groups rows by account, announces outcomes politely', async () => {
    ui.sts.configureRole(DENIED, { deny: true });
    const { page, engine } = await ui.open({
      credentials: USER_CREDENTIALS,
      setup: async (engine) => {
        await engine.addRole({ ...roleForm('Locked', { group: 'prod' }), roleArn: DENIED });
        await engine.addRole(roleForm('Fine', { group: 'prod' }));
        await engine.addRole({
          ...roleForm('Other'),
          roleArn: 'arn:aws:iam::456789012345:role/Other',
        });
      },
    });
    // No aria-label on a row: its name is its text, countdown and error included.
    expect(await page.locator('[role=option][aria-label]').count()).toBe(0);
    const group = page.getByRole('group', { name: 'prod' });
    expect(await group.getByRole('option').count()).toBe(2);
    expect(await page.getByRole('group', { name: '4567-8901-2345' }).count()).toBe(1);

    const announcer = page.getByTestId('announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    await select(page, 'fine');
    await page.keyboard.press('Enter');
    await expect.poll(() => announcer.textContent()).toBe('Fine is active');
    const fine = page.getByRole('option', { name: /^Fine .*active.*\d+m/ });
    expect(await fine.count()).toBe(1);

    await select(page, 'locked');
    await page.keyboard.press('Enter');
    await expect.poll(() => announcer.textContent()).toMatch(/^Locked failed: AccessDenied/);
    expect(await page.getByRole('option', { name: /Locked .*failed.*AccessDenied/ }).count()).toBe(
      1,
    );
    expect(engine.snapshot().roles.find((r) => r.role.label === 'Locked')?.state).toBe('error');

    // The shortcuts are on screen, not only in tooltips.
    const hints = await page.getByTestId('shortcut-hints').textContent();
    expect(hints).toMatch(/Enter on\/off/);
    expect(hints).toMatch(/Ctrl\+Shift\+C export/);
  });
});
