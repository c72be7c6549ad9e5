import { describe, expect, it } from 'vitest';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { activeLabel, focusedLabel, option } from './support/list-helpers';
import { accessKeyOf, profileSection, roleForm, USER_CREDENTIALS } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const DENIED = 'arn:aws:iam::210987654321:role/Locked';
const OPS_KEY = 'AKIAIOSFODNN7OPSKEY1';
const OPS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYOPSSECRET1';

describe.skipIf(!chromium.available)(`failures and MFA ${chromium.skipReason}`, () => {
  const ui = useUiSuite();

  it("shows AWS's AccessDenied on the role, on hover and in its details, and writes nothing", async () => {
    ui.sts.configureRole(DENIED, { deny: true });
    const { page, home } = await ui.open({
      setup: async (engine) => {
        await engine.addRole({ ...roleForm('Locked', { group: 'prod' }), roleArn: DENIED });
        await engine.addRole(roleForm('Fine', { group: 'prod', color: 'b7ca9d' }));
        await engine.activate(
          engine.snapshot().roles.find((r) => r.role.label === 'Fine')!.role.id,
        );
      },
    });
    await page.getByRole('combobox').fill('locked');
    await page.keyboard.press('Enter');
    const row = option(page, 'Locked');
    await expect.poll(() => row.getAttribute('class')).toContain('state-error');
    expect(await row.locator('.role-status').textContent()).toBe('failed');
    expect(await row.getAttribute('title')).toMatch(
      /^AccessDenied: .*not authorized.*sts:AssumeRole/,
    );
    const details = page.getByTestId('role-error');
    expect(await details.locator('.error-sentence').textContent()).toMatch(
      /^The trust policy of role Locked does not let arn:\S+ assume it/,
    );
    expect(await details.getByTestId('aws-message').textContent()).toMatch(
      /^AccessDenied:? .*not authorized/,
    );
    expect(await page.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    expect(profileSection(home.readCredentials(), 'Locked')).toBeUndefined();
    expect(accessKeyOf(home.readCredentials(), 'Fine')).toMatch(/^ASIA/);
    await page.getByRole('combobox').fill('');
    await page.getByRole('combobox').fill('o'); // both roles: the failed one pinned first
    expect(await page.locator('[role=option] .role-label').allTextContents()).toEqual([
      'Locked',
      'Fine',
    ]);
    expect(await activeLabel(page)).toBe('Locked');
    await screenshot(page, 'error', true);
  });

  it('asks once per source identity for an MFA code, naming every role waiting on it', async () => {
    const serial = ui.sts.mfa!.serial;
    const code = ui.sts.mfa!.code;
    ui.sts.addUser(OPS_KEY, OPS_SECRET, 'arn:aws:iam::123456789012:user/ops');
    const { page, home, engine } = await ui.open({
      credentials: `${USER_CREDENTIALS}[ops]\naws_access_key_id = ${OPS_KEY}\naws_secret_access_key = ${OPS_SECRET}\n`,
      setup: async (engine) => {
        for (const name of ['Admin', 'Auditor', 'Ops']) {
          ui.sts.configureRole(`arn:aws:iam::210987654321:role/${name}`, { requireMfa: true });
        }
        const admin = await engine.addRole(
          roleForm('Admin', { mfaSerial: serial, group: 'secure' }),
        );
        const auditor = await engine.addRole(
          roleForm('Auditor', { mfaSerial: serial, group: 'secure' }),
        );
        await engine.addRole({
          ...roleForm('Ops', { mfaSerial: serial }),
          source: { kind: 'profile', profile: 'ops' },
        });
        // Both wait on the same source identity (profile "source") when the popup opens.
        await engine.activate(admin.id);
        await engine.activate(auditor.id);
      },
    });
    const prompts = page.getByRole('form', { name: 'MFA code' });
    const sourcePrompt = prompts.filter({ hasText: 'MFA code for profile source' });
    expect(await prompts.count()).toBe(1); // one prompt for the shared source, not one per role
    expect(await sourcePrompt.locator('.mfa-waiting').textContent()).toMatch(
      /^Waiting: (Admin, Auditor|Auditor, Admin) \(arn:aws:iam::123456789012:mfa\/switchyard-test\)$/,
    );
    expect(await option(page, 'Admin').locator('.role-status').textContent()).toBe('MFA');
    // Opened with a code waiting: the caret is in its field, not in the search.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-mfa-source'))).toBe(
      'profile:source',
    );

    // Switching on a role from another identity adds its own prompt and takes the caret there.
    await page.getByRole('combobox').fill('ops');
    await page.keyboard.press('Enter');
    await expect.poll(() => prompts.count()).toBe(2);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-mfa-source')))
      .toBe('profile:ops');
    await page.keyboard.type(code); // the sixth digit submits
    await expect.poll(() => prompts.count()).toBe(1);

    const input = sourcePrompt.getByRole('textbox');
    await input.fill('12a');
    expect(await sourcePrompt.getByRole('alert').textContent()).toMatch(
      /^MFA code: is not exactly 6 digits/,
    );
    await screenshot(page, 'mfa', true);
    await input.fill('000000');
    await expect
      .poll(() => sourcePrompt.getByRole('alert').textContent())
      .toBe('That code was not accepted: wait for the next code on your device and type it.');
    expect(await input.inputValue()).toBe('');

    await input.fill(code);
    await expect.poll(() => prompts.count()).toBe(0);
    await expect
      .poll(() => engine.snapshot().roles.filter((r) => r.state === 'active').length)
      .toBe(3);
    for (const profile of ['Admin', 'Auditor', 'Ops']) {
      expect(accessKeyOf(home.readCredentials(), profile)).toMatch(/^ASIA/);
    }
    // One code per identity (plus the wrong one): never one per role.
    expect(ui.sts.count('GetSessionToken')).toBe(3);
    expect(await focusedLabel(page)).toBe('Search roles'); // typing goes back to the search
  });
});
