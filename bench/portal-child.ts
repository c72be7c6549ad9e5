/**
 * The fake Identity Center portal in a process of its own, for the same reason
 * as the STS child: its answers must cost the measured engine nothing but the
 * latency. Prints {"endpoint":…} once, then answers one JSON line per command:
 * `token <access-token> <expires-at-ms>`, `accounts <n>` (3 roles each),
 * `latency <ms>`, `reset`, `stats`. Exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { FakePortalServer } from '../tests/support/identity-center/fake-portal-server';
import { TokenBook } from '../tests/support/identity-center/token-book';

export const PORTAL_ROLES = ['Admin', 'ReadOnly', 'Billing'];

export interface PortalStats {
  getRoleCredentials: number;
  maxInFlight: number;
}

export async function runPortalChild(): Promise<void> {
  const tokens = new TokenBook();
  const portal = await FakePortalServer.start({ tokens, pageSize: 100 });
  process.stdout.write(`${JSON.stringify({ endpoint: portal.url })}\n`);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, arg, more] = line.trim().split(/\s+/);
    if (command === 'token') {
      tokens.issue({ accessToken: arg!, expiresAt: Number(more), startUrl: 'bench' });
    }
    if (command === 'accounts') portal.directory.addAccounts(Number(arg), PORTAL_ROLES);
    if (command === 'latency') portal.latencyMs = Number(arg);
    if (command === 'reset') portal.resetStats();
    const stats: PortalStats = {
      getRoleCredentials: portal.count('GetRoleCredentials'),
      maxInFlight: portal.maxInFlight,
    };
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  }
  await portal.close();
}
