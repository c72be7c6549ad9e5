/**
 * IAM Identity Center in the popup, in Chromium, with the real engine and
 * desk against the fake OIDC service and portal: the sign-in states (code
 * shown, waiting for the browser, done with the accounts grouped), and a
 * session whose roles need a sign-in showing one Sign in that resumes them.
 */
import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ssoTokenCachePath } from '../../electron/core/sso/token-cache';
import { useIdentityCenter } from '../support/identity-center/use-identity-center';
import { requireTool } from '../support/tools';
import { screenshot } from './support/browser';
import { option } from './support/list-helpers';
import type { Popup } from './support/popup-harness';
import { useUiSuite } from './support/ui-suite';

const chromium = requireTool('chromium');
const START_URL = 'https://d-9067a1b2c3.awsapps.com/start';
const REGION = 'us-east-1';
const CORP = `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\nsso_registration_scopes = sso:account:access\n`;

describe.skipIf(!chromium.available)(`Identity Center ${chromium.skipReason}`, () => {
  const ui = useUiSuite();
  const fakes = useIdentityCenter({
    startUrl: START_URL,
    accounts: [
      ['111111111111', 'Billing', ['ReadOnly']],
      ['222222222222', 'Prod', ['Admin', 'ReadOnly']],
    ],
  });
  beforeEach(() => {
    fakes.oidc.settings.autoApprove = true;
  });

  /** A browser that follows the authorize page back to the loopback callback. */
  const followAuthorize = async (url: string) => {
    if (new URL(url).pathname === '/authorize') void fetch(url).catch(() => undefined);
  };

  function open(config = '', openSsoPage?: (url: string) => Promise<void>): Promise<Popup> {
    return ui.open({
      config,
      env: { AWS_ENDPOINT_URL_SSO_OIDC: fakes.oidc.url, AWS_ENDPOINT_URL_SSO: fakes.portal.url },
      ...(openSsoPage ? { openSsoPage } : {}),
    });
  }

  function expectNoSecret(text: string): void {
    for (const secret of fakes.oidc.issuedSecrets()) expect(text).not.toContain(secret);
  }

  it('signs in with a code from Settings: checks the fields live, shows the code, then the accounts grouped', async () => {
    fakes.oidc.settings.autoApprove = false;
    const { page, home, ssoOpened } = await open('# mine\n');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sessions and sign-in…' }).click();
    const form = page.getByRole('form', { name: 'Identity Center' });
    await form.getByText('Sign in to your AWS access portal').waitFor();

    // Live validation, with the engine's own rules and words.
    const url = page.getByLabel('Start URL');
    await url.fill('http://d-9067a1b2c3.awsapps.com/start');
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#sso-start-url-note').textContent()).toMatch(
      /^Uses http, not https/, // under the labelled field: no "start URL:" prefix
    );
    await url.fill(START_URL);
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('false');
    await page.getByLabel('Region').fill('mars');
    expect(await page.locator('#sso-region-note').textContent()).toMatch(/region/i);
    await page.getByLabel('Region').fill(REGION);
    await page.getByLabel('Sign in with a code instead').check();
    await page.getByLabel('Region').press('Enter');

    // The code, and Open browser with the keyboard.
    const code = page.getByRole('status', { name: 'User code' });
    await code.waitFor();
    const shown = (await code.textContent()) ?? '';
    expect(shown).toMatch(/^[A-Z0-9-]{4,}$/);
    const openBrowser = page.getByRole('button', { name: 'Open browser' });
    await expect.poll(() => openBrowser.evaluate((b) => b === document.activeElement)).toBe(true);
    await screenshot(page, 'sso-device-code', true);
    await page.keyboard.press('Enter');
    await expect.poll(() => ssoOpened.length).toBe(1);
    expect(ssoOpened[0]).toContain(`user_code=${shown}`);
    expect(home.readConfig()).toContain('[sso-session d-9067a1b2c3]');

    fakes.oidc.approve();
    const panel = page.getByRole('region', { name: 'Identity Center sign-in' });
    await expect
      .poll(() => panel.textContent(), { timeout: 20_000 })
      .toMatch(/Signed in to d-9067a1b2c3.*3 roles added/);
    // The session's row: signed in, expires in …
    const row = page.getByRole('listitem', { name: 'Session d-9067a1b2c3' });
    await expect.poll(() => row.textContent()).toMatch(/Signed in · expires in \d+[hm]/);
    await screenshot(page, 'sso-signed-in', true);

    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    const groups = await page.locator('.group-header').allTextContents();
    // Named after the accounts' Identity Center names: "Billing · 1111-1111-1111 · 1 role".
    expect(groups.map((g) => g.split(' · ')[0])).toEqual(
      expect.arrayContaining(['Billing', 'Prod']),
    );
    for (const label of ['Billing / ReadOnly', 'Prod / Admin', 'Prod / ReadOnly']) {
      await option(page, label).waitFor();
    }
    await screenshot(page, 'sso-accounts', true);
    expectNoSecret(await page.content());
  });

  it('waits for the browser (PKCE) with Cancel, which stops the sign-in and writes no token', async () => {
    const { page, home, ssoOpened } = await open(CORP);
    await page.getByRole('button', { name: 'Identity Center' }).click();
    const row = page.getByRole('listitem', { name: 'Session corp' });
    await expect.poll(() => row.textContent()).toMatch(/Not signed in/);
    await row.getByRole('button', { name: 'Sign in' }).click();
    const panel = page.getByRole('region', { name: 'Identity Center sign-in' });
    await expect.poll(() => panel.textContent()).toMatch(/Waiting for the browser…/);
    expect(new URL(ssoOpened[0]!).pathname).toBe('/authorize');
    await screenshot(page, 'sso-browser', true);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(existsSync(ssoTokenCachePath('corp', home.home))).toBe(false);
  });

  it('roles of a session that needs a sign-in show one Sign in, which resumes them all', async () => {
    const popup = await open(CORP, followAuthorize);
    const { page, engine, desk } = popup;
    await desk.signIn({ kind: 'session', session: 'corp', flow: 'device' });
    await desk.settled();
    const ids = engine.snapshot().roles.map((v) => v.role.id);
    expect(ids).toHaveLength(3);
    await engine.activateAll(ids);
    await page.getByRole('button', { name: 'OK' }).click();

    // The token is revoked and cannot be refreshed: every role of corp waits.
    fakes.tokens.revokeAll();
    fakes.oidc.expireRefreshTokens();
    await engine.refresh(null);
    const prompt = page.getByRole('region', { name: 'Sign in to corp' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toMatch(
      /corp needs a sign-in.*Waiting: .*Billing \/ ReadOnly.*Prod \/ Admin.*Prod \/ ReadOnly/,
    );
    // One action for the session, never one per role (the details' console sign-in is off).
    expect(await page.locator('.sign-in-prompt').count()).toBe(1);
    expect(
      await page.getByRole('button', { name: 'Sign in', exact: true, disabled: false }).count(),
    ).toBe(1);
    expect(await option(page, 'Prod / Admin').locator('.role-status').textContent()).toBe(
      'sign in',
    );
    await screenshot(page, 'sso-needs-sign-in', true);

    await prompt.getByRole('button', { name: 'Sign in', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Identity Center sign-in' });
    await expect
      .poll(() => panel.textContent(), { timeout: 20_000 })
      .toMatch(/Signed in to corp.*3 waiting roles resumed/);
    await expect.poll(() => prompt.count()).toBe(0);
    expect(engine.snapshot().roles.every((v) => v.state === 'active')).toBe(true);
    expectNoSecret(await page.content());
  });
});
