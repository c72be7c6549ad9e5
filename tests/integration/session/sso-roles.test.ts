import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { FakePortalServer } from '../../support/identity-center/fake-portal-server';
import { useIdentityCenter } from '../../support/identity-center/use-identity-center';
import { accessKeyOf, type Harness } from './harness';
import { CORP_START_URL, signedInSsoRefresher, signInCorp } from './sso-harness';

const MINUTE = 60_000;

// The fakes' clock follows the engine's fake clock once a harness runs.
let now: () => number = Date.now;
let sts: FaultStsServer;
let h: Harness | undefined;
const fakes = useIdentityCenter({
  startUrl: CORP_START_URL,
  now: () => now(),
  portal: { pageSize: 100 },
});

beforeAll(async () => {
  sts = await startFaultStsServer();
  fakes.portal.directory.addAccounts(100, ['Admin', 'ReadOnly', 'Billing'], 300_000_000_000);
});
afterAll(() => sts.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
  now = Date.now;
});

/** A refresher on fake time, signed in to `corp`, the grants of the portal at `portalUrl` synced into its catalog. */
function signedInRefresher(portalUrl: string): ReturnType<typeof signedInSsoRefresher> {
  return signedInSsoRefresher(sts, { oidc: fakes.oidc.url, portal: portalUrl }, (harness) => {
    h = harness;
    now = () => harness.clock.now();
  });
}

/** The renewal runs off the fake timer but does real I/O: give it real time, bounded. */
async function settled(done: () => boolean, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function refreshGrants(): number {
  return fakes.oidc.requests.filter((r) => r.grantType === 'refresh_token' && r.status === 200)
    .length;
}

describe('Identity Center roles in the refresher', () => {
  it('refreshes 300 roles in one round and one write, renews the token once, and after a revoke waits for one sign-in, told once', async () => {
    const { harness, catalog } = await signedInRefresher(fakes.portal.url);
    const ids = catalog.list().map((role) => role.id);
    expect(ids).toHaveLength(300);

    const writes = harness.writes();
    await harness.manager.activateAll(ids);
    expect(harness.writes() - writes).toBe(1);
    const states = () => new Set(harness.manager.snapshot().roles.map((view) => view.state));
    expect(states()).toEqual(new Set(['active']));
    expect(fakes.portal.count('GetRoleCredentials')).toBe(300);

    // 50 minutes on, the 1-hour token is inside its refresh window: renewed once, silently.
    await harness.advance(50 * MINUTE);
    await harness.manager.refresh(null);
    expect(refreshGrants()).toBe(1);
    expect(states()).toEqual(new Set(['active']));
    expect(harness.notes.filter((n) => n.kind !== 'internal')).toEqual([]);

    // The administrator ends every session: tokens revoked, refresh tokens refused.
    fakes.tokens.revokeAll();
    fakes.oidc.expireRefreshTokens();
    const before = { writes: harness.writes(), calls: fakes.portal.count('GetRoleCredentials') };
    await harness.manager.refresh(null);
    expect(states()).toEqual(new Set(['needs-sign-in']));
    expect(harness.manager.snapshot().signInPrompts).toEqual([
      { session: 'corp', waitingRoleIds: expect.arrayContaining(ids) as unknown },
    ]);
    const told = harness.notes.filter((n) => n.kind === 'needs-sign-in');
    expect(told).toHaveLength(1);
    expect(harness.writes()).toBe(before.writes);

    // No hot loop: nothing is retried on the timer while the roles wait.
    const waiting = fakes.portal.count('GetRoleCredentials');
    expect(waiting - before.calls).toBe(300);
    // (past the time the old sessions were due for renewal)
    await harness.advance(60 * MINUTE);
    expect(fakes.portal.count('GetRoleCredentials')).toBe(waiting);
    expect(harness.notes.filter((n) => n.kind === 'needs-sign-in')).toHaveLength(1);

    // One sign-in (here as another tool would make it: only the cache file changes)
    // resumes them all in one round.
    await signInCorp(harness);
    const resumedFrom = harness.writes();
    // The watch looks every 5 s (a stat, on fake time); its look and the round it starts are real I/O.
    for (let step = 0; step < 40 && !states().has('active'); step++) {
      await harness.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await harness.manager.idle();
    expect(states()).toEqual(new Set(['active']));
    expect(harness.writes() - resumedFrom).toBe(1);
    catalog.close();
  }, 60_000);

  it('keeps the token of a session in use fresh on its own timer while 12-hour role sessions need no round', async () => {
    const longPortal = await FakePortalServer.start({
      tokens: fakes.tokens,
      now: () => now(),
      credentialLifetimeMs: 12 * 60 * MINUTE,
    });
    longPortal.directory.addAccount('400000000000', 'Lab', ['Admin']);
    process.env.AWS_ENDPOINT_URL_SSO = longPortal.url;
    try {
      const { harness, catalog } = await signedInRefresher(longPortal.url);
      const [role] = catalog.list();
      catalog.close();
      await harness.manager.activate(role!.id);
      const grants = refreshGrants();
      const calls = longPortal.count('GetRoleCredentials');

      // Two token lifetimes pass; the role's 12-hour session is nowhere near due.
      await harness.advance(50 * MINUTE);
      await settled(() => refreshGrants() - grants >= 1);
      expect(refreshGrants() - grants).toBe(1);
      await harness.advance(60 * MINUTE);
      await settled(() => refreshGrants() - grants >= 2);
      expect(refreshGrants() - grants).toBe(2);
      expect(longPortal.count('GetRoleCredentials')).toBe(calls);

      // Turned off: no role of the session is in use, so its token is left alone.
      await harness.manager.deactivate(role!.id);
      await harness.advance(120 * MINUTE);
      await settled(() => false, 500);
      expect(refreshGrants() - grants).toBe(2);
    } finally {
      process.env.AWS_ENDPOINT_URL_SSO = fakes.portal.url;
      await longPortal.close();
    }
  }, 60_000);

  it('chains a catalog role from an Identity Center role: AssumeRole with the portal session, capped at 1 hour', async () => {
    sts.setClockOffset(0);
    const { harness, catalog } = await signedInRefresher(fakes.portal.url);
    try {
      // STS knows every portal session as its permission set's reserved role, as AWS does.
      fakes.portal.onIssue = (issued) =>
        sts.trustSession({
          ...issued,
          assumedRoleArn: `arn:aws:sts::${issued.accountId}:assumed-role/AWSReservedSSO_${issued.roleName}_0123456789abcdef/dev`,
        });
      const sso = catalog.list()[0]!;
      await harness.manager.activate(sso.id);
      const deploy = catalog.add({
        label: 'Deploy',
        roleArn: 'arn:aws:iam::123456789012:role/deploy',
        profile: 'deploy',
        source: { kind: 'role', roleId: sso.id },
      });
      await harness.manager.catalogChanged();
      await harness.manager.activate(deploy.id);
      const view = harness.manager.snapshot().roles.find((r) => r.role.id === deploy.id)!;
      expect(view).toMatchObject({ state: 'active', chained: true });
      // STS stamps the expiry on its own (wall) clock.
      expect(view.expiresAt!).toBeLessThanOrEqual(Date.now() + 3_600_000);
      const key = sts.describeKey(accessKeyOf(harness.home.readCredentials(), 'deploy') ?? '');
      expect(key).toMatchObject({
        chained: true,
        issuedTo: expect.stringContaining('AWSReservedSSO_') as unknown,
      });
    } finally {
      fakes.portal.onIssue = undefined;
      catalog.close();
    }
  }, 60_000);
});
