/**
 * Both Identity Center fakes for one test file: the OIDC service and the
 * portal sharing a token book, started before its tests and closed after. The
 * SDK clients in this process read their endpoints from its environment, as in
 * every SDK, so AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO point at the
 * fakes while the file runs and are put back after.
 */
import { afterAll, beforeAll } from 'vitest';
import { FakeOidcServer, type FakeOidcOptions } from './fake-oidc-server';
import { FakePortalServer, type FakePortalOptions } from './fake-portal-server';
import { TokenBook } from './token-book';

export interface IdentityCenterFakes {
  readonly tokens: TokenBook;
  readonly oidc: FakeOidcServer;
  readonly portal: FakePortalServer;
}

export interface IdentityCenterOptions {
  readonly startUrl: string;
  /** The fakes' clock (token and credential expiry); default Date.now. */
  readonly now?: () => number;
  /** Accounts the portal grants: [id, name, roles]. */
  readonly accounts?: readonly (readonly [string, string, readonly string[]])[];
  readonly oidc?: Omit<FakeOidcOptions, 'tokens' | 'startUrl' | 'now'>;
  readonly portal?: Omit<FakePortalOptions, 'tokens' | 'now'>;
}

export function useIdentityCenter(options: IdentityCenterOptions): IdentityCenterFakes {
  let fakes: IdentityCenterFakes | undefined;
  const saved = {
    AWS_ENDPOINT_URL_SSO_OIDC: process.env.AWS_ENDPOINT_URL_SSO_OIDC,
    AWS_ENDPOINT_URL_SSO: process.env.AWS_ENDPOINT_URL_SSO,
  };
  beforeAll(async () => {
    const now = options.now ? { now: options.now } : {};
    const tokens = new TokenBook(options.now);
    const oidc = await new FakeOidcServer({
      interval: 1,
      ...options.oidc,
      tokens,
      startUrl: options.startUrl,
      ...now,
    }).start();
    const portal = await FakePortalServer.start({ ...options.portal, tokens, ...now });
    for (const [id, name, roles] of options.accounts ?? []) {
      portal.directory.addAccount(id, name, roles);
    }
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = oidc.url;
    process.env.AWS_ENDPOINT_URL_SSO = portal.url;
    fakes = { tokens, oidc, portal };
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await Promise.all([fakes?.oidc.close(), fakes?.portal.close()]);
  });
  const started = (): IdentityCenterFakes => {
    if (!fakes) throw new Error('the Identity Center fakes start in beforeAll');
    return fakes;
  };
  return {
    get tokens() {
      return started().tokens;
    },
    get oidc() {
      return started().oidc;
    },
    get portal() {
      return started().portal;
    },
  };
}
