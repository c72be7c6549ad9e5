import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { addSsoSession } from '../../../electron/core/sso/add-sso-session';
import { signInToSession } from '../../../electron/core/sso/sso-sign-in';
import { syncSession } from '../../../electron/core/sso/sso-sync';
import { SsoTokenKeeper } from '../../../electron/core/sso/sso-token-keeper';
import type { FaultStsServer } from '../../support/fault-sts-server';
import { startHarness, type Harness } from './harness';

export const CORP_START_URL = 'https://d-9067a1b2c3.awsapps.com/start';
/** The `[sso-session corp]` the Identity Center engine tests sign in to. */
export const CORP_SESSION = {
  name: 'corp',
  startUrl: CORP_START_URL,
  region: 'eu-west-1',
  scopes: ['sso:account:access'],
};

/** A device-flow sign-in to `corp` in the harness's home (the OIDC stand-in approves it). */
export async function signInCorp(harness: Harness): Promise<void> {
  await signInToSession({
    session: CORP_SESSION,
    flow: 'device',
    onDevicePrompt: () => undefined,
    signal: new AbortController().signal,
    homeDir: harness.home.home,
    env: harness.home.env,
  });
}

/**
 * A refresher on fake time, `corp` added to its AWS config and signed in, the
 * portal's grants synced into its catalog (the caller closes `catalog`).
 * `started` runs as soon as the harness exists, before any Identity Center
 * call: the caller keeps it for teardown and points the stand-ins' clock at it.
 */
export async function signedInSsoRefresher(
  sts: FaultStsServer,
  endpoints: { readonly oidc: string; readonly portal: string },
  started: (harness: Harness) => void,
): Promise<{ harness: Harness; catalog: CatalogStore }> {
  const harness = await startHarness(sts, {
    env: { AWS_ENDPOINT_URL_SSO_OIDC: endpoints.oidc, AWS_ENDPOINT_URL_SSO: endpoints.portal },
  });
  started(harness);
  const now = () => harness.clock.now();
  await addSsoSession(harness.home.configPath, CORP_SESSION);
  await signInCorp(harness);
  const catalog = CatalogStore.open({ dir: harness.home.switchyardConfigDir });
  const keeper = new SsoTokenKeeper({
    configPath: harness.home.configPath,
    homeDir: harness.home.home,
    now,
  });
  await syncSession({ keeper, session: 'corp', roles: () => catalog.list(), catalog, now: now() });
  return { harness, catalog };
}
