/**
 * Why a browser profile per role: two Debian Chromium instances, each on the
 * user-data-dir Switchyard gives a role, signed in through the federation
 * stand-in (which keeps the identity in a cookie, as the console does) as two
 * roles, keep separate cookies; one profile signed in twice keeps only the last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { catalogDir } from '../../../electron/core/catalog/catalog-paths';
import {
  prepareBrowserTarget,
  resolveBrowserTarget,
} from '../../../electron/core/console/resolve-browser';
import { runCli } from '../../support/run-cli';
import { startSigninServer, type SigninServer } from '../../support/signin-server';
import { useSourceRoleHome } from '../../support/source-role-home';
import { findChromium, requireTool } from '../../support/tools';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const AWS_CONSOLE = /^https:\/\/([a-z0-9-]+\.)*console\.aws\.amazon\.com\//;

const world = useSourceRoleHome();
let signin: SigninServer;
beforeAll(async () => {
  signin = await startSigninServer({ sts: world.sts });
});
afterAll(() => signin?.close());

const tool = requireTool('chromium');
describe.skipIf(!tool.available)(`two roles in two Chromium profiles ${tool.skipReason}`, () => {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function signInLink(roleId: string): Promise<string> {
    const result = await runCli(['console', roleId, '--federated', '--print'], {
      env: { ...world.home.env, SWITCHYARD_SIGNIN_ENDPOINT: signin.baseUrl },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout.trim();
  }

  /** The profile folder Switchyard would start Chromium with for this role. */
  async function openProfile(roleId: string, label: string): Promise<BrowserContext> {
    const executablePath = findChromium()!;
    const target = resolveBrowserTarget(
      { browser: executablePath },
      { id: roleId, label },
      catalogDir(world.home.env),
      { platform: 'linux', env: {}, home: world.home.env.HOME!, exists: () => true },
    );
    if (target.kind !== 'chromium' || target.userDataDir === undefined)
      throw new Error('no folder');
    prepareBrowserTarget(target);
    const context = await chromium.launchPersistentContext(target.userDataDir, {
      executablePath,
      headless: false,
      args: ARGS,
    });
    contexts.push(context);
    return context;
  }

  /**
   * Opens the sign-in link: the stand-in sets the identity cookie on its 302
   * to the real console, which this machine cannot reach (no internet), so
   * that last hop fails by design. (Playwright routes only the first request
   * of a redirect chain, so it cannot answer it either.)
   */
  async function signInAndSee(context: BrowserContext, link: string): Promise<string> {
    const page = await context.newPage();
    const login = page.waitForResponse((response) => response.url().startsWith(signin.baseUrl));
    // The error would quote the link, token and all: keep only its net:: code.
    const failure = await page.goto(link).then(
      () => 'loaded',
      (error: Error) => /net::ERR_[A-Z_]+/.exec(error.message)?.[0] ?? 'other error',
    );
    expect((await login).status()).toBe(302);
    expect((await login).headers().location).toMatch(AWS_CONSOLE);
    expect(failure).toMatch(/^net::ERR_/);
    await page.close();
    return whoIsSignedIn(context);
  }

  /** A fresh tab of the same profile (same cookie jar) on the stand-in's console page. */
  async function whoIsSignedIn(context: BrowserContext): Promise<string> {
    const page = await context.newPage();
    try {
      await page.goto(signin.consoleUrl);
      return (await page.locator('#identity').textContent()) ?? '';
    } finally {
      await page.close();
    }
  }

  it(
    'keeps each role signed in in its own profile, side by side',
    { timeout: 120_000 },
    async () => {
      const ops = world.addRole('Ops', 'ops', 'ops');
      expect((await world.cli(['activate', world.roleId, ops])).code).toBe(0);
      const dev = await openProfile(world.roleId, 'Dev admin');
      const opsContext = await openProfile(ops, 'Ops');

      expect(await signInAndSee(dev, await signInLink(world.roleId))).toMatch(
        /^arn:aws:sts::210987654321:assumed-role\/dev-admin\//,
      );
      expect(await signInAndSee(opsContext, await signInLink(ops))).toMatch(
        /^arn:aws:sts::210987654321:assumed-role\/ops\//,
      );
      // The first profile still holds the first role: nothing signed it out.
      expect(await whoIsSignedIn(dev)).toMatch(/assumed-role\/dev-admin\//);
      const cookieOf = async (context: BrowserContext) =>
        (await context.cookies(signin.consoleUrl)).find((c) => c.name === 'aws-userInfo')?.value;
      expect(await cookieOf(dev)).not.toBe(await cookieOf(opsContext));

      // The problem a profile per role solves: one profile keeps only the last sign-in.
      expect(await signInAndSee(dev, await signInLink(ops))).toMatch(/assumed-role\/ops\//);
      expect(await whoIsSignedIn(dev)).not.toMatch(/dev-admin/);
    },
  );
});
