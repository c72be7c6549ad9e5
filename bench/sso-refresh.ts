/**
 * Row 7: one refresh round of N Identity Center roles (GetRoleCredentials, no
 * AssumeRole) against the fake portal with injected latency, through the real
 * engine and SDK over loopback HTTP; wall time against N / concurrency ×
 * latency, and how many times the credentials file was written (must be one).
 * The roles come from a real sync; the token from the shared cache file.
 */
import { CatalogStore } from '../electron/core/catalog/catalog-store';
import { Secret } from '../electron/core/secret';
import { MemorySecretStore } from '../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../electron/core/session/create-session-engine';
import { addSsoSession } from '../electron/core/sso/add-sso-session';
import { syncSession } from '../electron/core/sso/sso-sync';
import { SsoTokenKeeper } from '../electron/core/sso/sso-token-keeper';
import { writeSsoToken } from '../electron/core/sso/token-cache';
import { startChildServer } from './child-server';
import type { PortalStats } from './portal-child';
import { createTempAwsHome } from '../tests/support/temp-aws-home';
import { countCredentialsWrites } from './count-writes';
import { median, note, timed } from './stats';

const START_URL = 'https://d-bench00000.awsapps.com/start';
const REGION = 'us-east-1';

export interface SsoRefreshResult {
  roles: number;
  concurrency: number;
  latencyMs: number;
  boundMs: number;
  roundMs: number[];
  medianMs: number;
  ratio: number;
  writes: number;
  portalCalls: number;
  maxInFlight: number;
  active: number;
}

export async function benchSsoRefresh(
  roles = 300,
  latencyMs = 50,
  concurrency = 10,
  runs = 3,
): Promise<SsoRefreshResult> {
  const accessToken = 'bench-sso-access-token';
  const expiresAt = Date.now() + 8 * 3_600_000;
  const portal = await startChildServer<PortalStats>('portal-server');
  await portal.command(`token ${accessToken} ${expiresAt}`);
  await portal.command(`accounts ${Math.ceil(roles / 3)}`);
  process.env.AWS_ENDPOINT_URL_SSO = portal.endpoint;
  const home = createTempAwsHome({ env: { AWS_ENDPOINT_URL_SSO: portal.endpoint } });
  const writes = countCredentialsWrites();
  try {
    await addSsoSession(home.configPath, { name: 'bench', startUrl: START_URL, region: REGION });
    await writeSsoToken(
      'bench',
      { startUrl: START_URL, region: REGION, accessToken: new Secret(accessToken), expiresAt },
      home.home,
    );
    const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
    const keeper = new SsoTokenKeeper({
      configPath: home.configPath,
      homeDir: home.home,
      now: Date.now,
    });
    await syncSession({
      keeper,
      session: 'bench',
      roles: () => catalog.list(),
      catalog,
      now: Date.now(),
    });
    const ids = catalog
      .list()
      .slice(0, roles)
      .map((role) => role.id);
    catalog.close();
    const manager = await createSessionEngine({
      kind: 'daemon',
      configDir: home.switchyardConfigDir,
      env: home.env,
      secrets: new MemorySecretStore(),
      concurrency,
    });
    try {
      await manager.activateAll(ids);
      const active = manager.snapshot().roles.filter((r) => r.state === 'active').length;
      if (active !== roles) throw new Error(`only ${active} of ${roles} SSO roles activated`);
      await portal.command(`latency ${latencyMs}`);
      const roundMs: number[] = [];
      writes.reset();
      await portal.command('reset');
      for (let run = 0; run < runs; run++) {
        const round = await timed(() => manager.refresh(null));
        roundMs.push(round.ms);
      }
      const boundMs = (roles / concurrency) * latencyMs;
      const medianMs = median(roundMs);
      const stats = await portal.command('stats');
      note(
        `sso refresh ${roles}: rounds ${roundMs.map((m) => m.toFixed(0)).join(', ')} ms (bound ${boundMs} ms), ${writes.count} write(s) in ${runs} rounds`,
      );
      return {
        roles,
        concurrency,
        latencyMs,
        boundMs,
        roundMs,
        medianMs,
        ratio: medianMs / boundMs,
        writes: writes.count / runs,
        portalCalls: stats.getRoleCredentials,
        maxInFlight: stats.maxInFlight,
        active: manager.snapshot().roles.filter((r) => r.state === 'active').length,
      };
    } finally {
      await manager.stop();
    }
  } finally {
    writes.restore();
    home.cleanup();
    await portal.close();
  }
}
