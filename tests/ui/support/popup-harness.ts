/**
 * One popup under test: a throwaway ~/.aws, the real session engine (catalog,
 * credentials file, STS client) pointed at a local STS server, and the built
 * renderer in Chromium with `window.switchyard` bridged to that engine.
 */
import type { Browser, Page } from 'playwright-core';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import type { SessionManager } from '../../../electron/core/session/session-manager';
import { openSsoDesk } from '../../../electron/core/sso/open-sso-desk';
import type { SsoDesk } from '../../../electron/core/sso/sso-desk';
import { openSubscriptionDesk } from '../../../electron/core/subscriptions/open-subscription-desk';
import type { SubscriptionDesk } from '../../../electron/core/subscriptions/subscription-desk';
import { checkOpenableUrl } from '../../../electron/core/console/open-url';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { type Bridge, installBridge } from './bridge';
import { newPopupPage } from './browser';

export const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
export const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
/** The user's own credentials file: one long-term profile the roles are assumed from. */
export const USER_CREDENTIALS = `# my keys\n[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;

export interface PopupOptions {
  readonly browser: Browser;
  /** The built renderer's URL. */
  readonly url: string;
  readonly stsEndpoint: string;
  readonly signinEndpoint?: string;
  readonly credentials?: string;
  readonly config?: string;
  readonly colorScheme?: 'light' | 'dark';
  /** Runs against the engine before the page loads (add roles, activate…). */
  readonly setup?: (engine: SessionManager) => Promise<void>;
  /** Runs on the page before it loads (e.g. page.clock.install). */
  readonly beforeLoad?: (page: Page) => Promise<unknown>;
  /** Extra environment for the engine and desk (AWS_ENDPOINT_URL_SSO_OIDC…). */
  readonly env?: Record<string, string>;
  /**
   * What opening an Identity Center page does (the shell's opener after its
   * origin check); every URL is also recorded in `ssoOpened`.
   */
  readonly openSsoPage?: (url: string) => Promise<void>;
}

export interface Popup {
  readonly page: Page;
  readonly engine: SessionManager;
  readonly desk: SsoDesk;
  /** Team catalog subscriptions (the shell's desk beside the engine). */
  readonly catalogs: SubscriptionDesk;
  /** Identity Center pages the popup asked to open. */
  readonly ssoOpened: string[];
  readonly bridge: Bridge;
  readonly home: TempAwsHome;
  readonly problems: string[];
  close(): Promise<void>;
}

export async function openPopup(options: PopupOptions): Promise<Popup> {
  const home = createTempAwsHome({
    credentials: options.credentials ?? USER_CREDENTIALS,
    ...(options.config !== undefined ? { config: options.config } : {}),
    env: {
      AWS_ENDPOINT_URL_STS: options.stsEndpoint,
      ...(options.signinEndpoint ? { SWITCHYARD_SIGNIN_ENDPOINT: options.signinEndpoint } : {}),
      ...options.env,
    },
  });
  const engine = await createSessionEngine({
    kind: 'app',
    configDir: home.switchyardConfigDir,
    env: home.env,
    secrets: new MemorySecretStore(),
    requestTimeoutMs: 5000,
  });
  const ssoOpened: string[] = [];
  const desk = openSsoDesk({
    engine,
    env: home.env,
    configDir: home.switchyardConfigDir,
    openUrl: async (url, origins) => {
      checkOpenableUrl(url, false, origins); // the shell's rule
      ssoOpened.push(url);
      await options.openSsoPage?.(url);
    },
  });
  const catalogs = openSubscriptionDesk({ engine, env: home.env });
  let closePage: (() => Promise<void>) | undefined;
  try {
    await options.setup?.(engine);
    const { context, page, problems } = await newPopupPage(options.browser, options.colorScheme);
    closePage = () => context.close();
    const bridge = await installBridge(page, engine, desk, catalogs);
    await options.beforeLoad?.(page);
    await page.goto(options.url);
    await page.locator('.tray-menu').waitFor();
    return {
      page,
      engine,
      desk,
      catalogs,
      ssoOpened,
      bridge,
      home,
      problems,
      async close() {
        bridge.dispose();
        await context.close();
        catalogs.stop();
        await desk.stop();
        await engine.stop();
        home.cleanup();
      },
    };
  } catch (error) {
    await closePage?.();
    catalogs.stop();
    await desk.stop();
    await engine.stop();
    home.cleanup();
    throw error;
  }
}

/** A role assumed from the `source` profile, as the form or the CLI would add it. */
export function roleForm(name: string, extra: Record<string, unknown> = {}) {
  return {
    label: name,
    roleArn: `arn:aws:iam::210987654321:role/${name.replace(/[^\w+=,.@-]/g, '')}`,
    profile: name,
    source: { kind: 'profile' as const, profile: 'source' },
    ...extra,
  };
}

/** The [profile] section of a credentials file, or undefined. */
export function profileSection(text: string, profile: string): string | undefined {
  const start = text.indexOf(`[${profile}]`);
  if (start === -1) return undefined;
  const next = text.indexOf('\n[', start + 1);
  return text.slice(start, next === -1 ? undefined : next + 1);
}

export function accessKeyOf(text: string, profile: string): string | undefined {
  return /aws_access_key_id = (\S+)/.exec(profileSection(text, profile) ?? '')?.[1];
}
