import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogExport, teamRole } from '../support/catalog-server';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

describe.skipIf(!chromium.available)(`team catalogs in the popup ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('shows a removal of an active role as a banner, and applies it only when the user agrees', async () => {
    const popup = await ui.open();
    const { page, engine, catalogs, home, problems } = popup;
    const file = join(home.home, 'platform.json');
    writeFileSync(file, catalogExport([teamRole('team-ops'), teamRole('team-qa')]));
    const added = await catalogs.add({ source: file, name: 'platform' });
    expect(added).toMatchObject({ result: 'applied', added: 2 });
    await engine.activate('team-ops');
    expect(home.readCredentials()).toContain('[team-ops]');
    await expect.poll(() => page.getByRole('option').count()).toBe(2);

    writeFileSync(file, catalogExport([teamRole('team-qa')]));
    expect(await catalogs.sync('platform', false)).toMatchObject({
      result: 'review',
      removed: 1,
      activeRoles: ['team ops'],
    });
    const banner = page.getByRole('region', { name: 'platform catalog changes' });
    await expect
      .poll(() => banner.textContent())
      .toBe('platform catalog: 0 new, 0 changed, 1 removed — review');
    await screenshot(page, 'catalog-banner', true);
    expect(engine.snapshot().roles.map((r) => r.role.id)).toContain('team-ops');

    await banner.getByRole('button', { name: 'review' }).click();
    const row = page.getByRole('listitem', { name: 'Subscription platform' });
    await expect.poll(() => row.textContent()).toContain('active roles affected: team ops');
    await row.getByRole('button', { name: 'Apply changes' }).click();
    await expect.poll(() => engine.snapshot().roles.map((r) => r.role.id)).toEqual(['team-qa']);
    await expect.poll(() => home.readCredentials()).not.toContain('[team-ops]');
    await expect.poll(() => banner.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("shows a subscribed role's definition read-only in the form, and the user's own fields editable", async () => {
    const { page, catalogs, home } = await ui.open();
    const file = join(home.home, 'platform.json');
    writeFileSync(file, catalogExport([teamRole('team-ops')]));
    expect(await catalogs.add({ source: file, name: 'platform' })).toMatchObject({ added: 1 });
    await expect.poll(() => page.getByRole('option').count()).toBe(1);
    await page.getByRole('combobox').fill('team ops');
    await page.getByRole('button', { name: 'Edit…' }).click();
    const form = page.getByRole('form', { name: 'Edit role' });
    for (const name of ['Role ARN', 'Duration (s)', 'External ID']) {
      expect(await form.getByLabel(name, { exact: true }).getAttribute('readonly')).toBe('');
    }
    expect(await form.locator('#role-source').isDisabled()).toBe(true);
    expect(await form.getByText(/From team catalog platform: the ARN, source/).count()).toBe(1);
    const label = form.getByLabel('Label', { exact: true });
    expect(await label.getAttribute('readonly')).toBeNull();
    await label.fill('Ops (mine)');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('option', { name: /Ops \(mine\)/ }).count()).toBe(1);
  });
});
