import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { activeLabel, countdownSeconds, focusedLabel, option } from './support/list-helpers';
import { accessKeyOf, profileSection, roleForm, USER_CREDENTIALS } from './support/popup-harness';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { addCatalog } from './support/sample-catalog';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

function roleId(engine: SessionManager, label: string): string {
  const view = engine.snapshot().roles.find((r) => r.role.label === label);
  if (!view) throw new Error(`no role ${label}`);
  return view.role.id;
}

describe.skipIf(!chromium.available)(`the role list ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('filters as you type, moves with the arrow keys and activates with Enter', async () => {
    const { page, home, bridge, problems } = await ui.open({ setup: addCatalog });
    expect(await focusedLabel(page)).toBe('Search roles'); // focused on open
    expect(await page.getByRole('option').count()).toBe(5);
    expect(await page.locator('.group-header').allTextContents()).toEqual([
      '4567-8901-2345 · 2 roles',
      'prod · 2 roles',
      'staging · 1 role',
    ]);

    const search = page.getByRole('combobox', { name: 'Search roles' });
    const shown = () => page.locator('[role=option] .role-label').allTextContents();
    await search.fill('stag');
    expect(await shown()).toEqual(['Staging dev']); // by group / label
    await search.fill('finance');
    expect(await shown()).toEqual(['Billing']); // by tag
    await search.fill('456789012345');
    expect(await shown()).toEqual(['Billing', 'Sandbox']); // by account id
    await search.fill('prod-ro');
    expect(await shown()).toEqual(['Prod read-only']); // by profile
    await search.fill('prod adm');
    expect(await shown()).toEqual(['Prod admin']); // every term must match
    await search.fill('nothing-like-this');
    expect(await page.locator('.empty-state').textContent()).toContain('No role matches');
    await page.keyboard.press('Escape'); // clears the search first…
    expect(await search.inputValue()).toBe('');
    expect(bridge.log.hidden).toBe(0);

    // Typing selects the first match; the arrows walk the list, skipping headings.
    await search.pressSequentially('prod');
    expect(await activeLabel(page)).toBe('Prod admin');
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe('Prod read-only');
    await page.keyboard.press('ArrowDown'); // clamped at the end, like a native menu
    expect(await activeLabel(page)).toBe('Prod read-only');
    await page.keyboard.press('ArrowUp');
    expect(await activeLabel(page)).toBe('Prod admin');
    expect(await option(page, 'Prod admin').getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Enter');
    await expect
      .poll(() => option(page, 'Prod admin').getAttribute('class'))
      .toContain('state-active');
    const countdown = option(page, 'Prod admin').getByTestId('countdown');
    expect(await countdown.textContent()).toMatch(/^(59m|1h 00m)$/);
    const text = home.readCredentials();
    expect(text.startsWith(USER_CREDENTIALS)).toBe(true);
    expect(accessKeyOf(text, 'prod-admin')).toMatch(/^ASIA/);
    await screenshot(page, 'search', true);

    await page.keyboard.press('Escape'); // clears "prod"
    await page.keyboard.press('Escape'); // …then closes the popup
    // The page's hidePopup call reaches the bridge asynchronously, after the key press returns.
    await expect.poll(() => bridge.log.hidden).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows each live session counting down from one clock, calm inside the margin as it renews itself', async () => {
    const { page, engine } = await ui.open({
      setup: async (engine) => {
        await addCatalog(engine);
        await engine.activate(roleId(engine, 'Prod admin'));
        await engine.activate(roleId(engine, 'Staging dev'));
      },
      // The page's clock only: the engine keeps real time, so nothing refreshes.
      beforeLoad: (page) => page.clock.install({ time: Date.now() }),
    });
    const admin = option(page, 'Prod admin').getByTestId('countdown');
    expect(await admin.textContent()).toMatch(/^(59m|1h 00m)$/);
    expect(await page.getByTestId('countdown').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'list'); // docs copy: tests/e2e-standin (the real app)

    await page.clock.fastForward('50:30'); // 9.5 minutes left: inside the 10-minute margin
    const first = await admin.textContent();
    expect(first).toMatch(/^9m \d\ds$/);
    // Amber only where the user must act: this session renews itself (tests/ui/glance.test.ts
    // has the amber of one that lapses).
    expect(await admin.getAttribute('class')).toContain('tone-ok');
    await page.clock.fastForward(3000);
    const second = await admin.textContent();
    expect(countdownSeconds(second!)).toBeLessThan(countdownSeconds(first!));
    await screenshot(page, 'countdown-margin');

    await page.clock.fastForward('10:00');
    expect(await admin.textContent()).toBe('expired');
    expect(await admin.getAttribute('class')).toContain('tone-expired');
    // The engine was never asked anything per tick: countdowns are the page's own math.
    expect(engine.snapshot().roles.filter((r) => r.state === 'active')).toHaveLength(2);
  });

  it('stops counting while the shell says the popup is hidden, and catches up when it is shown', async () => {
    const { page, bridge } = await ui.open({
      setup: async (engine) => {
        await addCatalog(engine);
        await engine.activate(roleId(engine, 'Prod admin'));
      },
      beforeLoad: (page) => page.clock.install({ time: Date.now() }),
    });
    const admin = option(page, 'Prod admin').getByTestId('countdown');
    expect(await admin.textContent()).toMatch(/^(59m|1h 00m)$/);
    // At launch Electron renders the hidden popup as if it were seen; the shell says otherwise.
    await bridge.setPopupVisible(false);
    const stale = await admin.textContent();
    await page.clock.fastForward('10:00');
    expect(await admin.textContent()).toBe(stale); // no tick ran: nothing re-rendered
    await bridge.setPopupVisible(true); // the first click on the tray icon
    await expect.poll(() => admin.textContent()).toMatch(/^(49m|50m)$/);
    await page.clock.fastForward('01:00');
    expect(await admin.textContent()).toMatch(/^(48m|49m)$/);
  });

  it('refreshes now, and deactivating removes the profile from the credentials file', async () => {
    const { page, home, bridge } = await ui.open({
      setup: async (engine) => {
        await addCatalog(engine);
        await engine.activate(roleId(engine, 'Sandbox'));
      },
    });
    const before = accessKeyOf(home.readCredentials(), 'sandbox');
    expect(before).toMatch(/^ASIA/);
    await page.getByRole('combobox').fill('sandbox');
    await page.keyboard.press('Control+r');
    await expect.poll(() => accessKeyOf(home.readCredentials(), 'sandbox')).not.toBe(before);
    expect(bridge.log.calls).toContain('role:refresh');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => profileSection(home.readCredentials(), 'sandbox')).toBeUndefined();
    expect(home.readCredentials()).toBe(USER_CREDENTIALS); // the user's file, byte for byte
    await expect.poll(() => option(page, 'Sandbox').getByTestId('countdown').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Activate' }).isVisible()).toBe(true);
  });

  it('opens the console, signs in, copies the export and sets the default from the keyboard', async () => {
    const { page, home, bridge, engine } = await ui.open({
      setup: async (engine) => {
        await addCatalog(engine);
        await engine.activate(roleId(engine, 'Prod admin'));
      },
    });
    await page.getByRole('combobox').fill('prod admin');
    await page.keyboard.press('Control+o');
    await expect.poll(() => bridge.log.opened.length).toBe(1);
    expect(bridge.log.opened[0]).toMatchObject({ mode: 'switch-role' });
    expect(bridge.log.opened[0]!.url).toContain('roleName=Admin');
    expect(bridge.log.opened[0]!.url).toContain('account=210987654321');

    await page.keyboard.press('Control+Shift+O');
    await expect.poll(() => bridge.log.opened.length).toBe(2);
    expect(bridge.log.opened[1]).toMatchObject({ mode: 'federated' });
    expect(bridge.log.opened[1]!.url).toContain(`${ui.signin.baseUrl}?Action=login`);

    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => bridge.log.clipboard).toEqual(['export AWS_PROFILE=prod-admin']);
    expect(await page.getByRole('status').textContent()).toBe(
      'Copied export AWS_PROFILE=prod-admin',
    );

    await page.keyboard.press('Control+d');
    await expect
      .poll(() => option(page, 'Prod admin').locator('.role-badge').textContent())
      .toBe('default');
    expect(engine.snapshot().defaultRoleId).toBe(roleId(engine, 'Prod admin'));
    await expect
      .poll(() => profileSection(home.readCredentials(), 'default') ?? '')
      .toContain('aws_session_token');
  });

  it('copies the switchyard env line for the terminal, activating nothing (button and Ctrl+T)', async () => {
    const { page, home, bridge, engine } = await ui.open({
      setup: async (engine) => {
        await addCatalog(engine);
        await engine.addRole({
          ...roleForm("O'Brien's prod", { profile: 'obrien' }),
          roleArn: 'arn:aws:iam::210987654321:role/OBrien',
        });
      },
    });
    const before = home.readCredentials();
    await page.getByRole('combobox').fill('staging dev');
    await page.getByRole('button', { name: 'Copy for terminal' }).click();
    await expect
      .poll(() => bridge.log.clipboard)
      .toEqual([`eval "$(switchyard env 'Staging dev')"`]);
    expect(await page.getByRole('status').textContent()).toBe(
      'Copied the switchyard env line for Staging dev: paste it in a terminal',
    );

    await page.getByRole('combobox').fill('obrien');
    await page.keyboard.press('Control+t');
    await expect
      .poll(() => bridge.log.clipboard.at(-1))
      .toBe(`eval "$(switchyard env 'O'\\''Brien'\\''s prod')"`);
    expect(bridge.log.calls).not.toContain('role:activate');
    expect(engine.snapshot().roles.every((view) => view.state === 'inactive')).toBe(true);
    expect(home.readCredentials()).toBe(before);
  });

  it('"Copy export" on a role with no live session activates it first, then copies', async () => {
    const { page, home, bridge, engine } = await ui.open({ setup: addCatalog });
    await page.getByRole('combobox').fill('billing');
    await page.getByRole('button', { name: 'Copy export' }).click();
    await expect.poll(() => bridge.log.clipboard).toEqual(['export AWS_PROFILE=billing']);
    const view = engine.snapshot().roles.find((r) => r.role.label === 'Billing');
    expect(view?.state).toBe('active');
    expect(profileSection(home.readCredentials(), 'billing') ?? '').toContain('aws_session_token');
    expect(await page.getByRole('status').textContent()).toBe('Copied export AWS_PROFILE=billing');
  });

  it('"Copy export" reports a failed activation and copies nothing', async () => {
    ui.sts.configureRole('arn:aws:iam::456789012345:role/Sandbox', { deny: true });
    const { page, bridge } = await ui.open({ setup: addCatalog });
    await page.getByRole('combobox').fill('sandbox');
    await page.keyboard.press('Control+Shift+C');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^Sandbox could not be activated, so nothing was copied: \S/);
    expect(bridge.log.clipboard).toEqual([]);
  });

  it('opens a service console from "Open in…", with the recent services first', async () => {
    const { page, bridge, engine } = await ui.open({ setup: addCatalog });
    await page.getByRole('combobox').fill('prod admin');
    const menuButton = page.getByRole('button', { name: 'Open in…' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    expect(await menu.getByRole('menuitem').count()).toBeGreaterThanOrEqual(40);
    await menu.getByRole('menuitem', { name: 'lambda', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => bridge.log.opened.length).toBe(1);
    const url = new URL(bridge.log.opened[0]!.url);
    expect(url.pathname).toBe('/switchrole');
    expect(url.searchParams.get('redirect_uri')).toMatch(
      /^https:\/\/console\.aws\.amazon\.com\/lambda\/home$|^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/lambda\/home\?region=/,
    );
    await expect.poll(() => engine.snapshot().settings.recentServices).toEqual(['lambda']);
    await menuButton.click();
    await expect.poll(() => menu.getByRole('menuitem').first().textContent()).toBe('lambda');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
  });

  it('selects the role a notification was about', async () => {
    const { page, bridge, engine } = await ui.open({ setup: addCatalog });
    await page.getByRole('combobox').fill('billing');
    await bridge.focusRole(roleId(engine, 'Staging dev'));
    await expect.poll(() => activeLabel(page)).toBe('Staging dev');
    expect(await page.getByRole('combobox').inputValue()).toBe('');
  });

  it('follows a dark OS theme', async () => {
    const { page } = await ui.open({
      colorScheme: 'dark',
      setup: async (engine) => {
        await addCatalog(engine);
        await engine.activate(roleId(engine, 'Prod admin'));
        await engine.activate(roleId(engine, 'Sandbox'));
      },
    });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(38, 38, 40)');
    await screenshot(page, 'list-dark'); // docs copy: tests/e2e-standin (the real app)
  });
});
