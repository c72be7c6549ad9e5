/**
 * Row 6: an Identity Center sync (listAssignments) of N accounts × R roles
 * against the fake portal with injected latency, through the real SDK over
 * loopback HTTP. Wall time against its bound, calls ÷ concurrency × latency:
 * ListAccounts pages plus one ListAccountRoles per account, all under the
 * default concurrency. The portal counts the most calls it had in flight,
 * which must not exceed that concurrency. The portal runs in this process
 * (an answer is a timer and a small JSON body).
 */
import { cpuUsage } from 'node:process';
import { Secret } from '../electron/core/secret';
import {
  DEFAULT_PORTAL_CONCURRENCY,
  listAssignments,
} from '../electron/core/sso/portal-assignments';
import { FakePortalServer } from '../tests/support/identity-center/fake-portal-server';
import { TokenBook } from '../tests/support/identity-center/token-book';
import { median, note, timed } from './stats';

export interface SsoSyncResult {
  accounts: number;
  rolesPerAccount: number;
  latencyMs: number;
  concurrency: number;
  calls: number;
  maxInFlight: number;
  throttled: number;
  boundMs: number;
  /** Every run's wall time, then the median and its ratio to the bound. */
  syncMs: number[];
  medianMs: number;
  ratio: number;
  cpuMs: number[];
}

export async function benchSsoSync(
  accounts = 1000,
  rolesPerAccount = 3,
  latencyMs = 50,
  runs = 3,
): Promise<SsoSyncResult> {
  const tokens = new TokenBook();
  const token = 'bench-access-token';
  tokens.issue({ accessToken: token, expiresAt: Date.now() + 3_600_000, startUrl: 'https://x' });
  // 100 a page: what the client asks for (the model's maximum).
  const portal = await FakePortalServer.start({ tokens, pageSize: 100, latencyMs });
  const roles = Array.from({ length: rolesPerAccount }, (_, i) => `Role${i}`);
  portal.directory.addAccounts(accounts, roles);
  // As a user's environment would: this also shows the bundled SDK resolves it.
  process.env.AWS_ENDPOINT_URL_SSO = portal.url;
  const concurrency = DEFAULT_PORTAL_CONCURRENCY;
  const syncMs: number[] = [];
  const cpuMs: number[] = [];
  let calls = 0;
  let maxInFlight = 0;
  let throttled = 0;
  try {
    for (let run = 0; run < runs; run++) {
      portal.resetStats();
      const cpu = cpuUsage();
      const { ms, value } = await timed(() =>
        listAssignments({
          region: 'us-east-1',
          accessToken: new Secret(token),
          session: 'bench',
        }),
      );
      const used = cpuUsage(cpu);
      if (value.length !== accounts * rolesPerAccount) {
        throw new Error(
          `sync found ${value.length} assignments, not ${accounts * rolesPerAccount}`,
        );
      }
      syncMs.push(ms);
      cpuMs.push((used.user + used.system) / 1000);
      calls = portal.requests.length;
      maxInFlight = Math.max(maxInFlight, portal.maxInFlight);
      throttled += portal.requests.filter((r) => r.status === 429).length;
      note(
        `sso sync run ${run + 1}: ${ms.toFixed(0)} ms, ${calls} calls, max in flight ${portal.maxInFlight}`,
      );
    }
  } finally {
    await portal.close();
  }
  const boundMs = (calls / concurrency) * latencyMs;
  const medianMs = median(syncMs);
  return {
    accounts,
    rolesPerAccount,
    latencyMs,
    concurrency,
    calls,
    maxInFlight,
    throttled,
    boundMs,
    syncMs,
    medianMs,
    ratio: medianMs / boundMs,
    cpuMs,
  };
}
