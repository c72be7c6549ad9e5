import { describe, expect, it } from 'vitest';
import type { SessionManager } from '../../electron/core/session/session-manager';
import { requireTool } from '../support/tools';
import { option } from './support/list-helpers';
import { accessKeyOf, roleForm } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');

function idOf(engine: SessionManager, label: string): string {
  return engine.snapshot().roles.find((view) => view.role.label === label)!.role.id;
}

function focusedMfaSource(page: import('playwright-core').Page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-mfa-source') ?? null);
}

describe.skipIf(!chromium.available)(`the MFA prompt and Sign in ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it('"Sign in" on an inactive role activates it first, then signs in', async () => {
    const { page, bridge, engine, home } = await ui.open({
      setup: async (engine) => void (await engine.addRole(roleForm('Billing'))),
    });
    await page.getByRole('combobox').fill('billing');
    const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
    expect(await signIn.isEnabled()).toBe(true);
    await signIn.click();
    await expect.poll(() => bridge.log.opened.length).toBe(1);
    expect(bridge.log.opened[0]).toMatchObject({ mode: 'federated' });
    expect(bridge.log.opened[0]!.url).toContain(`${ui.signin.baseUrl}?Action=login`);
    expect(engine.snapshot().roles.find((r) => r.role.label === 'Billing')?.state).toBe('active');
    expect(accessKeyOf(home.readCredentials(), 'Billing')).toMatch(/^ASIA/);
    expect(await page.locator('.status-error').textContent()).toBe('');
  });

  it('"Sign in" on a role that needs MFA goes through the prompt, then signs in', async () => {
    const serial = ui.sts.mfa!.serial;
    ui.sts.configureRole('arn:aws:iam::210987654321:role/Guarded', { requireMfa: true });
    const { page, bridge } = await ui.open({
      setup: async (engine) =>
        void (await engine.addRole(roleForm('Guarded', { mfaSerial: serial }))),
    });
    await page.getByRole('combobox').fill('guarded');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => focusedMfaSource(page)).toBe('profile:source');
    expect(bridge.log.opened).toEqual([]);
    await page.keyboard.type(ui.sts.mfa!.code); // the sixth digit submits
    await expect.poll(() => bridge.log.opened.length).toBe(1);
    expect(bridge.log.opened[0]).toMatchObject({ mode: 'federated' });
  });

  it('submits at 6 digits, clears a wrong code saying why, and Cancel switches the waiting roles off', async () => {
    const serial = ui.sts.mfa!.serial;
    for (const name of ['Admin', 'Auditor']) {
      ui.sts.configureRole(`arn:aws:iam::210987654321:role/${name}`, { requireMfa: true });
    }
    const { page, engine } = await ui.open({
      setup: async (engine) => {
        await engine.addRole(roleForm('Admin', { mfaSerial: serial }));
        await engine.addRole(roleForm('Auditor', { mfaSerial: serial }));
        await engine.activate(idOf(engine, 'Admin'));
        await engine.activate(idOf(engine, 'Auditor'));
      },
    });
    const prompt = page.getByRole('form', { name: 'MFA code' });
    const input = prompt.getByRole('textbox');
    // The device ARN is shown whole (it wraps), not cut off.
    expect(await prompt.locator('.mfa-device').textContent()).toBe(`(${serial})`);

    // A waiting role's main button says what it does; "Enter code" takes the caret to the prompt.
    await page.getByRole('combobox').fill('admin');
    const details = page.getByRole('region', { name: 'Admin details' });
    expect(await details.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
    await details.getByRole('button', { name: 'Enter code' }).click();
    expect(await focusedMfaSource(page)).toBe('profile:source');

    const calls = ui.sts.count('GetSessionToken');
    await page.keyboard.type('000000'); // no Enter: the sixth digit submits
    await expect
      .poll(() => prompt.getByRole('alert').textContent())
      .toBe('That code was not accepted: wait for the next code on your device and type it.');
    expect(ui.sts.count('GetSessionToken')).toBe(calls + 1);
    expect(await input.inputValue()).toBe('');
    expect(await focusedMfaSource(page)).toBe('profile:source');

    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => prompt.count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toMatch(
      /^Cancelled: (Admin, Auditor|Auditor, Admin) are off again$/,
    );
    expect(engine.snapshot().roles.map((r) => r.state)).toEqual(['inactive', 'inactive']);
    expect(await option(page, 'Admin').getAttribute('class')).toContain('state-inactive');
  });
});
