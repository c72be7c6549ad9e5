import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { accessKeyOf, SOURCE_KEY, SOURCE_SECRET, startHarness, type Harness } from './harness';

const MINUTE = 60_000;

let sts: FaultStsServer;
let h: Harness;

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
});
afterAll(async () => {
  await sts.close();
});
beforeEach(async () => {
  sts.reset();
  sts.setClockOffset(0);
  h = await startHarness(sts);
});
afterEach(async () => {
  await h.close();
});

function addRole(name: string, sourceProfile = 'source') {
  return h.manager.addRole({
    label: name,
    roleArn: `arn:aws:iam::210987654321:role/${name}`,
    profile: name,
    source: { kind: 'profile', profile: sourceProfile },
  } as never);
}

function catalogPath(): string {
  return join(h.home.switchyardConfigDir, 'catalog.json');
}

/** A source profile whose credential_process never answers within the test. */
function addStuckSourceProfile(): void {
  writeFileSync(h.home.configPath, `[profile never-answers]\ncredential_process = sleep 30\n`);
}

describe('a catalog edited into invalid JSON while the refresher runs', () => {
  it('keeps refreshing from the last good catalog, tells once, refuses writes, and picks up the fixed file', async () => {
    const role = await addRole('dev');
    await h.manager.activate(role.id);
    const before = accessKeyOf(h.home.readCredentials(), 'dev');
    const good = readFileSync(catalogPath(), 'utf8');

    // A truncated, non-atomic save.
    const broken = good.slice(0, Math.floor(good.length / 2));
    writeFileSync(catalogPath(), broken);
    await expect(h.manager.catalogChanged()).resolves.toBeUndefined();
    await expect(h.manager.catalogChanged()).resolves.toBeUndefined();
    const told = h.notes.filter((n) => n.kind === 'catalog');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatch(/catalog\.json/);
    expect(told[0]!.body).not.toMatch(/\n/);
    expect(h.manager.snapshot().roles.map((r) => r.role.label)).toEqual(['dev']);

    // Writes on the broken file fail with the clear error and leave it as it is.
    await expect(addRole('other')).rejects.toBeInstanceOf(CatalogFileError);
    expect(readFileSync(catalogPath(), 'utf8')).toBe(broken);

    // Still refreshing: due before expiry, with the broken file in place.
    await h.advance(55 * MINUTE);
    const after = accessKeyOf(h.home.readCredentials(), 'dev');
    expect(after).toMatch(/^ASIA/);
    expect(after).not.toBe(before);
    expect(h.notes.filter((n) => n.kind === 'catalog')).toHaveLength(1);

    // Fixed (with an edit): picked up, and told once.
    writeFileSync(catalogPath(), good.replace('"label": "dev"', '"label": "Dev fixed"'));
    await h.manager.catalogChanged();
    expect(h.manager.snapshot().roles.map((r) => r.role.label)).toEqual(['Dev fixed']);
    const notices = h.notes.filter((n) => n.kind === 'catalog');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.title).toMatch(/readable again/);
  });
});

describe('a stuck source', () => {
  /** Wall time (a deadline bounds real I/O): short here, 30 s by default. */
  const ROLE_DEADLINE_MS = 1_000;
  beforeEach(async () => {
    await h.close();
    h = await startHarness(sts, { roleDeadlineMs: ROLE_DEADLINE_MS });
  });

  it('does not hold back the other roles of its round past the deadline', async () => {
    addStuckSourceProfile();
    const stuck = await addRole('stuck', 'never-answers');
    const healthy = await addRole('healthy');
    const both = Promise.all([h.manager.activate(stuck.id), h.manager.activate(healthy.id)]);
    await both;
    const snapshot = h.manager.snapshot();
    const viewOf = (id: string) => snapshot.roles.find((r) => r.role.id === id)!;
    expect(viewOf(healthy.id).state).toBe('active');
    expect(accessKeyOf(h.home.readCredentials(), 'healthy')).toMatch(/^ASIA/);
    expect(viewOf(stuck.id).error?.message).toMatch(/assuming stuck did not finish within 1 s/);
    expect(viewOf(stuck.id).error?.kind).toBe('retryable');
    expect(accessKeyOf(h.home.readCredentials(), 'stuck')).toBeUndefined();
  });
});

describe('stop()', () => {
  // The default deadline (30 s): only aborting what is in flight ends this quickly.
  it('ends a round stuck on its source without waiting for it', async () => {
    addStuckSourceProfile();
    const stuck = await addRole('stuck', 'never-answers');
    const activation = h.manager.activate(stuck.id).catch(() => undefined);
    // Let the round start and reach the credential_process.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await h.manager.stop();
    await activation;
    // Nothing was recorded as the role's failure: it was cut short, not failed.
    const state = await openStateFile({ configDir: h.home.switchyardConfigDir }).read();
    expect(state.sessions[stuck.id]?.error).toBeUndefined();
  }, 20_000); // under the 30 s deadline: only the abort can end it in time
});
