import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

const CONFIG = [
  '[profile source]',
  'region = eu-west-1',
  '',
  '[profile prod]',
  'role_arn = arn:aws:iam::210987654321:role/Admin',
  'source_profile = source',
  'region = eu-west-1',
  '',
  '[profile staging]',
  'role_arn = arn:aws:iam::345678901234:role/Developer',
  'source_profile = source',
  '',
  '[profile broken]',
  'role_arn = arn:aws:iam::12345:role/Oops',
  'source_profile = source',
  '',
].join('\n');

describe.skipIf(!chromium.available)(`empty state and import ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('teaches an empty catalog, previews the import, applies it and lists the roles', async () => {
    const { page, problems, engine } = await ui.open({ config: CONFIG });
    await expect.poll(() => page.locator('.empty-state').textContent()).toContain('No roles yet');
    await expect
      .poll(() => page.getByTestId('empty-found').textContent())
      .toBe('Found 3 role profiles in ~/.aws/config.');
    await screenshot(page, 'empty'); // docs copy: tests/e2e-standin (the real app)

    await page.getByRole('button', { name: 'Import 2 roles…' }).click();
    const toAdd = page.getByTestId('import-add');
    await toAdd.waitFor();
    expect(await toAdd.textContent()).toContain('To add (2)');
    expect(await toAdd.textContent()).toContain('prod-switchyard');
    const skipped = await page.getByTestId('import-skipped').textContent();
    expect(skipped).toContain('broken');
    expect(skipped).toMatch(/Skipped, because role_arn: account ID "12345" is not 12 digits/);
    await screenshot(page, 'import-preview', true);

    await page.getByRole('button', { name: 'Import 2 roles' }).click();
    await expect.poll(() => page.getByRole('option').count()).toBe(2);
    expect(await page.getByRole('status').textContent()).toBe('Imported 2 new, updated 0');
    expect(
      engine
        .snapshot()
        .roles.map((r) => r.role.label)
        .sort(),
    ).toEqual(['prod', 'staging']);
    // Grouped by account id (imported roles have no group), alphabetically.
    expect(await page.locator('.group-header').allTextContents()).toEqual([
      '2109-8765-4321 · 1 role',
      '3456-7890-1234 · 1 role',
    ]);
    expect(problems).toEqual([]);
  });

  it('shows what a re-import would update', async () => {
    const { page, home } = await ui.open({
      config: CONFIG,
      setup: async (engine) => {
        await engine.applyImport();
      },
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      home.configPath,
      CONFIG.replace(
        'region = eu-west-1\n\n[profile staging]',
        'region = eu-central-1\n\n[profile staging]',
      ),
    );
    await page.getByRole('button', { name: 'Import…' }).click();
    const toUpdate = page.getByTestId('import-update');
    await toUpdate.waitFor();
    expect(await toUpdate.textContent()).toMatch(/prod.*region/);
    await page.getByRole('button', { name: 'Import 1 role' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Imported 0 new, updated 1');
  });
});
