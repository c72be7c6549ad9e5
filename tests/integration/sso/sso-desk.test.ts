/**
 * The tray's Identity Center controller against the fake OIDC service and
 * portal, with a real engine on a throwaway home: sign-in (device and PKCE),
 * the progress views, one sign-in at a time, cancel, sync, resume of waiting
 * roles, sign-out. No progress view or error carries a secret.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SsoProgress } from '../../../shared/sso-views';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { checkOpenableUrl } from '../../../electron/core/console/open-url';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import type { SessionManager } from '../../../electron/core/session/session-manager';
import { SsoDesk } from '../../../electron/core/sso/sso-desk';
import { ssoTokenCachePath } from '../../../electron/core/sso/token-cache';
import { useIdentityCenter } from '../../support/identity-center/use-identity-center';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const START_URL = 'https://d-9067a1b2c3.awsapps.com/start';
const REGION = 'us-east-1';
const CONFIG = '# mine\n[profile keep]\nregion = eu-west-1\n';

let home: TempAwsHome;
let engine: SessionManager;
let desk: SsoDesk;
let seen: SsoProgress[];
let opened: { url: string; origins: readonly string[] }[];
const fakes = useIdentityCenter({
  startUrl: START_URL,
  accounts: [
    ['111111111111', 'Billing', ['ReadOnly']],
    ['222222222222', 'Prod', ['Admin', 'ReadOnly']],
  ],
});

beforeEach(async () => {
  fakes.oidc.settings.autoApprove = true;
  home = createTempAwsHome({
    config: CONFIG,
    env: { AWS_ENDPOINT_URL_SSO_OIDC: fakes.oidc.url, AWS_ENDPOINT_URL_SSO: fakes.portal.url },
  });
  engine = await createSessionEngine({
    kind: 'app',
    configDir: home.switchyardConfigDir,
    env: home.env,
    secrets: new MemorySecretStore(),
    requestTimeoutMs: 5000,
  });
  seen = [];
  opened = [];
  desk = new SsoDesk({
    configPath: home.configPath,
    homeDir: home.home,
    env: home.env,
    engine,
    openCatalog: () => CatalogStore.open({ dir: home.switchyardConfigDir }),
    catalogChanged: () => engine.catalogChanged(),
    openUrl: async (url, origins) => {
      checkOpenableUrl(url, false, origins); // the shell's rule
      opened.push({ url, origins });
      // The browser: the authorize page sends it to the loopback callback.
      if (new URL(url).pathname === '/authorize') void fetch(url).catch(() => undefined);
    },
  });
  desk.onProgress((progress) => seen.push(progress));
});
afterEach(async () => {
  await desk.stop();
  await engine.stop();
  home.cleanup();
});

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of fakes.oidc.issuedSecrets()) expect(text).not.toContain(secret);
}

const phases = () => seen.map((p) => p.phase);

describe('SsoDesk', () => {
  it('signs in with a code to a new start URL: adds the session, syncs, and the accounts appear grouped', async () => {
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    expect(home.readConfig()).toBe(
      `${CONFIG}\n[sso-session d-9067a1b2c3]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\nsso_registration_scopes = sso:account:access\n`,
    );
    await expect.poll(() => desk.progress().phase).toBe('device');
    const device = desk.progress();
    if (device.phase !== 'device') throw new Error('no device prompt');
    expect(device.userCode).toMatch(/\S/);
    expect(device.verificationUriComplete).toContain(device.userCode);
    // "Open browser" opens the code's page through the shell's opener, its origin allowed.
    await desk.openVerificationPage();
    expect(opened[0]?.url).toBe(device.verificationUriComplete);

    await desk.settled();
    expect(phases()).toEqual(['starting', 'device', 'syncing', 'done']);
    expect(desk.progress()).toEqual({
      phase: 'done',
      session: 'd-9067a1b2c3',
      added: 3,
      updated: 0,
      gone: 0,
      resumed: 0,
    });
    // The engine shows the synced roles at once, grouped by account and named.
    const roles = engine.snapshot().roles.map((v) => [v.role.group, v.role.label]);
    expect(roles.sort()).toEqual([
      ['Billing', 'Billing / ReadOnly'],
      ['Prod', 'Prod / Admin'],
      ['Prod', 'Prod / ReadOnly'],
    ]);
    const [session] = await desk.sessions();
    expect(session).toMatchObject({
      name: 'd-9067a1b2c3',
      startUrl: START_URL,
      region: REGION,
      signedIn: true,
      refreshable: true,
    });
    expect(session?.expiresAt).toBeGreaterThan(Date.now());
    expectNoSecret([seen, await desk.sessions()]);
  });

  it('signs in through the browser (PKCE) to a session the config names, waiting for the browser', async () => {
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await desk.settled();
    seen = [];
    fakes.oidc.settings.autoApprove = false;
    await desk.signIn({ kind: 'session', session: 'd-9067a1b2c3', flow: 'pkce' });
    await expect.poll(() => desk.progress().phase, { timeout: 20_000 }).toBe('browser');
    const authorize = new URL(opened.at(-1)!.url);
    expect(authorize.origin).toBe(fakes.oidc.url);
    expect(authorize.pathname).toBe('/authorize');
    await expect.poll(() => fakes.oidc.waitingBrowsers, { timeout: 20_000 }).toBe(1);
    fakes.oidc.approve();
    await desk.settled();
    expect(phases()).toEqual(['starting', 'browser', 'syncing', 'done']);
    expect(desk.progress()).toMatchObject({ phase: 'done', added: 0, updated: 0 });
    expectNoSecret(seen);
  });

  it('runs one sign-in at a time; cancel stops it, writes no token, and goes back to idle', async () => {
    fakes.oidc.settings.autoApprove = false;
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await expect.poll(() => desk.progress().phase).toBe('device');
    await expect(
      desk.signIn({ kind: 'session', session: 'd-9067a1b2c3', flow: 'device' }),
    ).rejects.toThrow(/a sign-in to d-9067a1b2c3 is in progress; finish or cancel it first/);
    desk.cancel();
    await desk.settled();
    expect(desk.progress()).toEqual({ phase: 'idle' });
    expect(existsSync(ssoTokenCachePath('d-9067a1b2c3', home.home))).toBe(false);
    await expect(desk.openVerificationPage()).rejects.toThrow(/no sign-in is waiting for a code/);
    // And the next sign-in may start.
    fakes.oidc.settings.autoApprove = true;
    await desk.signIn({ kind: 'session', session: 'd-9067a1b2c3', flow: 'device' });
    await desk.settled();
    expect(desk.progress().phase).toBe('done');
  });

  it('a denied sign-in fails in one line without a secret', async () => {
    fakes.oidc.settings.autoApprove = false;
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await expect.poll(() => desk.progress().phase).toBe('device');
    fakes.oidc.deny();
    await desk.settled();
    const failed = desk.progress();
    expect(failed.phase).toBe('failed');
    if (failed.phase === 'failed') expect(failed.message).not.toContain('\n');
    expectNoSecret(failed);
  });

  it('a sync that fails after the sign-in keeps the sign-in and says so in one line', async () => {
    fakes.portal.queueFault({ kind: 'status', status: 400, operation: 'ListAccounts' });
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await desk.settled();
    const failed = desk.progress();
    expect(failed.phase).toBe('failed');
    if (failed.phase === 'failed') {
      expect(failed.message).toMatch(/^Signed in to d-9067a1b2c3, but the sync failed: /);
      expect(failed.message).not.toContain('\n');
    }
    expect(existsSync(ssoTokenCachePath('d-9067a1b2c3', home.home))).toBe(true);
    expect(engine.snapshot().roles).toEqual([]);
    expectNoSecret(failed);
  });

  it('refuses bad input in one line and changes no file', async () => {
    await expect(
      desk.signIn({
        kind: 'start-url',
        startUrl: 'http://d-1.awsapps.com/start',
        region: REGION,
        flow: 'device',
      }),
    ).rejects.toThrow(/start URL: uses http, not https/);
    await expect(
      desk.signIn({ kind: 'start-url', startUrl: START_URL, region: 'mars-1', flow: 'device' }),
    ).rejects.toThrow(/SSO region/);
    await expect(desk.signIn({ kind: 'session', session: 'nope', flow: 'device' })).rejects.toThrow(
      /no \[sso-session nope\]/,
    );
    expect(home.readConfig()).toBe(CONFIG);
    expect(desk.progress()).toEqual({ phase: 'idle' });
  });

  it('a sign-in resumes every role of the session that waits for one, in one go', async () => {
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await desk.settled();
    const ids = engine.snapshot().roles.map((v) => v.role.id);
    await engine.activateAll(ids);
    expect(engine.snapshot().roles.every((v) => v.state === 'active')).toBe(true);

    fakes.tokens.revokeAll();
    fakes.oidc.expireRefreshTokens();
    await engine.refresh(null);
    expect(engine.snapshot().signInPrompts).toEqual([
      { session: 'd-9067a1b2c3', waitingRoleIds: expect.arrayContaining(ids) },
    ]);

    await desk.signIn({ kind: 'session', session: 'd-9067a1b2c3', flow: 'device' });
    await desk.settled();
    expect(desk.progress()).toMatchObject({ phase: 'done', resumed: 3 });
    expect(engine.snapshot().signInPrompts).toEqual([]);
    expect(engine.snapshot().roles.every((v) => v.state === 'active')).toBe(true);
  });

  it("names the accounts after Identity Center, follows a rename there, and never replaces the user's alias", async () => {
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await desk.settled();
    const accounts = () =>
      Object.fromEntries(
        engine.snapshot().roles.map((v) => [v.role.roleArn.split(':')[4], v.account]),
      );
    expect(accounts()).toEqual({
      '111111111111': { alias: 'Billing', aliasFrom: 'identity-center' },
      '222222222222': { alias: 'Prod', aliasFrom: 'identity-center' },
    });
    await engine.updateAccount('1111-1111-1111', { alias: 'my-billing', color: 'green' });
    fakes.portal.directory.renameAccount('111111111111', 'Billing (old)');
    fakes.portal.directory.renameAccount('222222222222', 'Production');
    await desk.sync('d-9067a1b2c3');
    expect(accounts()).toEqual({
      '111111111111': { alias: 'my-billing', color: 'b7ca9d', aliasFrom: 'user' },
      '222222222222': { alias: 'Production', aliasFrom: 'identity-center' },
    });
    await expect(engine.updateAccount('111111111111', { alias: ' ' })).rejects.toThrow(
      /^alias: is empty; enter 1–64 characters$/,
    );
  });

  it('syncs now (a removed assignment is marked, kept) and signs out', async () => {
    await desk.signIn({ kind: 'start-url', startUrl: START_URL, region: REGION, flow: 'device' });
    await desk.settled();
    fakes.portal.directory.addAccount('333333333333', 'Sandbox', ['Dev']);
    const sync = await desk.sync('d-9067a1b2c3');
    expect(sync).toEqual({ session: 'd-9067a1b2c3', added: 1, updated: 0, gone: 0 });
    expect(engine.snapshot().roles.map((v) => v.role.label)).toContain('Sandbox / Dev');

    const out = await desk.signOut('d-9067a1b2c3');
    expect(out).toMatchObject({ revoked: true, deleted: true });
    expect(existsSync(ssoTokenCachePath('d-9067a1b2c3', home.home))).toBe(false);
    const [session] = await desk.sessions();
    expect(session?.signedIn).toBe(false);
    await expect(desk.sync('d-9067a1b2c3')).rejects.toThrow(/d-9067a1b2c3/);
  });
});
