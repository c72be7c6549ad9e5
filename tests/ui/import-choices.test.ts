import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { requireTool } from '../support/tools';
import { axeViolations } from './support/axe';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

const A = 'arn:aws:iam::210987654321:role';

const CONFIG = [
  '[profile source]',
  'region = eu-west-1',
  '',
  '[profile prod]',
  `role_arn = ${A}/Admin`,
  'source_profile = source',
  '',
  '[profile prod-ro]',
  `role_arn = ${A}/ReadOnly`,
  'source_profile = prod',
  '',
  '[profile staging]',
  `role_arn = ${A}/Developer`,
  'source_profile = source',
  '',
  '[profile ops]',
  `role_arn = ${A}/Ops`,
  'source_profile = source',
  '',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = eu-west-1',
  '',
  '[profile sso-dev]',
  'sso_session = corp',
  'sso_account_id = 333333333333',
  'sso_role_name = Dev',
  '',
  '[profile sso-lost]',
  'sso_session = nowhere',
  'sso_account_id = 333333333333',
  'sso_role_name = Admin',
  '',
].join('\n');

function box(page: Page, label: string) {
  return page.getByRole('checkbox', { name: new RegExp(`^${label} `) });
}

describe.skipIf(!chromium.available)(
  `first run and the import preview ${chromium.skipReason}`,
  () => {
    const ui = useUiSuite();

    it('with no ~/.aws/config says so and what to do, with a button that works', async () => {
      const { page, problems } = await ui.open({});
      const found = page.getByTestId('empty-found');
      await expect
        .poll(() => found.textContent())
        .toMatch(/^No ~\/\.aws\/config found\. Add a role/);
      expect(await page.locator('.empty-state button:disabled').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.locator('.empty-state button', { hasText: 'Import' }).count()).toBe(0);
      await page.locator('.empty-state').getByRole('button', { name: 'Add a role' }).click();
      await page.getByRole('form', { name: 'Add role' }).waitFor();
      expect(problems).toEqual([]);
    });

    it('counts what the config holds, ticks every role, and imports only the ticked ones', async () => {
      const { page, engine, problems } = await ui.open({ config: CONFIG });
      await expect
        .poll(() => page.getByTestId('empty-found').textContent())
        .toBe('Found 4 role profiles, 2 Identity Center roles and 1 SSO session in ~/.aws/config.');
      await page.getByRole('button', { name: 'Import 5 roles…' }).click();
      await page.getByTestId('import-add').waitFor();

      // Why the names end in -switchyard, and where an Identity Center role signs in.
      expect(await page.getByTestId('import-names').textContent()).toContain(
        'so Switchyard never overwrites the profile you already have',
      );
      expect(await page.getByTestId('import-add').textContent()).toContain(
        '→ sso-dev-switchyard · Identity Center, signs in with corp',
      );
      expect(await page.getByTestId('import-skipped').textContent()).toContain(
        'sso-lostSkipped, because its sso_session "nowhere" has no [sso-session nowhere] section',
      );
      for (const label of ['prod', 'prod-ro', 'staging', 'ops', 'sso-dev']) {
        expect(await box(page, label).isChecked(), label).toBe(true);
      }

      // The keyboard unticks: Tab to a box, Space.
      await box(page, 'staging').focus();
      await page.keyboard.press('Space');
      expect(await box(page, 'staging').isChecked()).toBe(false);
      await page.getByRole('button', { name: 'Select none' }).click();
      expect(await page.getByRole('button', { name: 'Nothing selected' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Select all' }).click();
      await box(page, 'staging').uncheck();
      await box(page, 'sso-dev').uncheck();

      // A chained role without the role it is assumed from: refused, in one line, nothing written.
      await box(page, 'prod').uncheck();
      await page.getByRole('button', { name: 'Import 2 roles' }).click();
      await expect
        .poll(() => page.locator('.import-view .form-error').textContent())
        .toMatch(/"prod-ro" is assumed from "prod", which is not selected; select "prod" too/);
      expect(engine.snapshot().roles).toEqual([]);

      await box(page, 'prod').check();
      await page.getByRole('button', { name: 'Import 3 roles' }).click();
      await expect.poll(() => page.getByRole('option').count()).toBe(3);
      expect(engine.snapshot().roles.map((view) => view.role.importedFrom)).toEqual([
        'prod',
        'prod-ro',
        'ops',
      ]);
      expect(problems).toEqual([]);
    });

    it('shows a role already in the catalog (same ARN and source) as such, not as new', async () => {
      const { page } = await ui.open({
        config: CONFIG,
        setup: async (engine) => {
          await engine.addRole({
            label: 'Staging dev',
            roleArn: `${A}/Developer`,
            profile: 'staging-dev',
            source: { kind: 'profile', profile: 'source' },
          });
        },
      });
      await page.getByRole('button', { name: 'Import…' }).click();
      const known = page.getByTestId('import-known');
      await known.waitFor();
      expect(await known.textContent()).toBe(
        'Already in your catalog (1)stagingAlready in your catalog as Staging dev',
      );
      expect(await page.getByTestId('import-add').textContent()).not.toContain('staging');
      expect(await page.getByRole('button', { name: 'Import 4 roles' }).isEnabled()).toBe(true);
    });
  },
);
