import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { USER_CREDENTIALS } from './support/popup-harness';
import { axeViolations } from './support/axe';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

const CONFIG = [
  '[default]',
  'region = eu-west-1',
  '',
  '[profile source]',
  'region = eu-west-1',
  '',
  '[profile corp-sso]',
  'sso_session = corp',
  '',
].join('\n');

describe.skipIf(!chromium.available)(`the Add form's suggestions ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('suggests existing source profiles, the regions of the partition, and shows the profile', async () => {
    const { page, engine, problems } = await ui.open({
      config: CONFIG,
      credentials: `${USER_CREDENTIALS}[ci]\naws_access_key_id = AKIAEXAMPLEEXAMPLE\n`,
    });
    await page.locator('.empty-state').getByRole('button', { name: 'Add a role' }).click();
    const form = page.getByRole('form', { name: 'Add role' });
    const field = (label: string) => form.getByLabel(label, { exact: true });

    // Source profiles from both files, each saying where it is.
    const source = form.getByRole('combobox', { name: 'Source profile' });
    await expect
      .poll(() =>
        page
          .locator('#role-source-profiles option')
          .evaluateAll((options) =>
            options.map(
              (o) => `${(o as HTMLOptionElement).value} ${(o as HTMLOptionElement).label}`,
            ),
          ),
      )
      .toEqual([
        'ci in ~/.aws/credentials',
        'corp-sso in ~/.aws/config',
        'default in ~/.aws/config',
        'source in ~/.aws/credentials and ~/.aws/config',
      ]);
    expect(await source.getAttribute('list')).toBe('role-source-profiles');

    // The profile the role will write, live from the ARN (no label yet), then from the label.
    const preview = page.getByTestId('profile-preview');
    await field('Role ARN').fill('arn:aws-cn:iam::210987654321:role/Deployer');
    expect(await field('Profile').inputValue()).toBe('deployer');
    expect(await preview.textContent()).toBe(
      'Written to ~/.aws/credentials as [deployer]: use it with --profile deployer.',
    );
    await field('Label').fill('China deploy');
    expect(await preview.textContent()).toContain('as [china-deploy]');

    // Regions of the ARN's partition.
    const regions = () =>
      page
        .locator('#role-region-suggestions option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(await regions()).toEqual(['cn-north-1', 'cn-northwest-1']);
    await field('Role ARN').fill('arn:aws:iam::210987654321:role/Deployer');
    expect(await regions()).toContain('eu-central-1');
    expect(await form.getByRole('combobox', { name: 'Region' }).getAttribute('list')).toBe(
      'role-region-suggestions',
    );

    expect(await axeViolations(page)).toEqual([]);

    // A suggestion is a plain value: typed (or picked), the role is added with it.
    await source.fill('source');
    await field('Region').fill('eu-central-1');
    await form.getByRole('button', { name: 'Add role' }).click();
    await expect.poll(() => engine.snapshot().roles.length).toBe(1);
    expect(engine.snapshot().roles[0]?.role).toMatchObject({
      profile: 'china-deploy',
      source: { kind: 'profile', profile: 'source' },
      region: 'eu-central-1',
    });
    expect(problems).toEqual([]);
  });
});
