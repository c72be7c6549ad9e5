import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RenewalView } from '../../../shared/model';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { readSsoToken, writeSsoToken } from '../../../electron/core/sso/token-cache';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { useIdentityCenter } from '../../support/identity-center/use-identity-center';
import { runCli } from '../../support/run-cli';
import { type Harness } from './harness';
import { CORP_SESSION, CORP_START_URL, signedInSsoRefresher, signInCorp } from './sso-harness';

const MINUTE = 60_000;
/** The planner's jitter moves each renewal up to 2 minutes earlier than the estimate's. */
const MAX_JITTER = 2 * MINUTE;

// The fakes' clock follows the engine's fake clock once a harness runs.
let now: () => number = Date.now;
let sts: FaultStsServer;
let h: Harness | undefined;
const fakes = useIdentityCenter({
  startUrl: CORP_START_URL,
  now: () => now(),
  accounts: [['222222222222', 'Prod', ['Admin']]],
});

beforeAll(async () => {
  sts = await startFaultStsServer();
});
afterAll(() => sts.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
  now = Date.now;
});

/** A refresher on fake time, signed in to `corp`, its one role synced into the catalog. */
async function signedInRole(): Promise<{ harness: Harness; roleId: string }> {
  const ends = { oidc: fakes.oidc.url, portal: fakes.portal.url };
  const { harness, catalog } = await signedInSsoRefresher(sts, ends, (started) => {
    h = started;
    now = () => started.clock.now();
  });
  const [role] = catalog.list();
  catalog.close();
  return { harness, roleId: role!.id };
}

/** The cached token as `aws sso login` leaves it for a legacy profile: no refresh token. */
async function dropRefreshToken(harness: Harness): Promise<void> {
  const record = await readSsoToken(CORP_SESSION, harness.home.home);
  const { startUrl, region, accessToken, expiresAt } = record!;
  await writeSsoToken('corp', { startUrl, region, accessToken, expiresAt }, harness.home.home);
}

/** The renewal runs off the fake timer but does real I/O: give it real time, bounded. */
async function settled(done: () => boolean, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Identity Center roles say when they lapse because the sign-in ends', () => {
  it('a refreshable token renews; one that cannot be refreshed lapses (sign-in), in the engine, state.json and `switchyard status`', async () => {
    const { harness, roleId } = await signedInRole();
    const view = () => harness.manager.snapshot().roles.find((r) => r.role.id === roleId)!;
    await harness.manager.activate(roleId);
    // The device sign-in gave a refresh token and a 90-day registration.
    expect(view()).toMatchObject({ state: 'active', renewal: { kind: 'renews' } });

    // Now the cache holds a 1-hour token and nothing to refresh it with.
    await dropRefreshToken(harness);
    const start = harness.clock.now();
    await harness.manager.refresh(roleId);
    const first = view().renewal;
    // Sessions of 1 hour renewed 10 minutes ahead: the one due at 50 minutes still finds the
    // token (it serves until a minute before its end at 60), the one due at 100 does not.
    expect(first).toMatchObject({ kind: 'lapses', reason: 'sign-in' });
    const predicted = (first as Extract<RenewalView, { kind: 'lapses' }>).at;
    expect(predicted).toBeGreaterThan(start + 110 * MINUTE - MAX_JITTER - 5_000);
    expect(predicted).toBeLessThanOrEqual(start + 110 * MINUTE + 5_000);

    // The refresher records it for passive views; the record holds times, no token.
    const state = await openStateFile({ configDir: harness.home.switchyardConfigDir }).read();
    expect(state.sessions[roleId]?.signInEndsAt).toBeGreaterThan(start);
    const stateText = readFileSync(`${harness.home.switchyardConfigDir}/state.json`, 'utf8');
    for (const secret of fakes.oidc.issuedSecrets()) expect(stateText).not.toContain(secret);

    // `switchyard status` (a passive view of this refresher) says the same.
    const json = await runCli(['status', '--json'], { env: harness.home.env, timeoutMs: 60_000 });
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { id?: string; renewal?: unknown }[];
    expect(rows.find((row) => row.id === roleId)?.renewal).toEqual({
      kind: 'lapses',
      at: new Date(Math.floor(predicted / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      reason: 'sign-in',
    });
    const table = await runCli(['status'], { env: harness.home.env, timeoutMs: 60_000 });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/lapses \d\d:\d\d \(sign-in\)/);
    for (const out of [json, table]) {
      for (const secret of fakes.oidc.issuedSecrets()) {
        expect(out.stdout + out.stderr).not.toContain(secret);
      }
    }

    // A refresher started again says so before it reads the token again.
    await harness.restart();
    expect(view()).toMatchObject({
      state: 'active',
      renewal: { kind: 'lapses', reason: 'sign-in' },
    });

    // As the row said: renewed once without a sign-in, then the role waits for one.
    let last = view();
    for (let i = 0; i < 40 && view().state === 'active'; i++) {
      last = view();
      await harness.advance(5 * MINUTE);
    }
    expect(last.renewal).toEqual({ kind: 'lapses', at: last.expiresAt, reason: 'sign-in' });
    expect(Math.abs(last.expiresAt! - predicted)).toBeLessThanOrEqual(MAX_JITTER + 5_000);
    expect(view().state).toBe('needs-sign-in');
  }, 60_000);

  it('a sign-in made again while the role is live turns the lapse back into a renewal', async () => {
    const { harness, roleId } = await signedInRole();
    const view = () => harness.manager.snapshot().roles.find((r) => r.role.id === roleId)!;
    await dropRefreshToken(harness);
    await harness.manager.activate(roleId);
    expect(view().renewal).toMatchObject({ kind: 'lapses', reason: 'sign-in' });

    // Signed in again elsewhere (only the cache file changes); the next token the engine
    // reads (here the token upkeep's own timer, before the role is due) is refreshable.
    await signInCorp(harness);
    await harness.advance(47 * MINUTE);
    await settled(() => view().renewal?.kind === 'renews');
    expect(view()).toMatchObject({ state: 'active', renewal: { kind: 'renews' } });
  }, 60_000);
});
