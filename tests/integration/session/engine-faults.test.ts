import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CatalogFileError } from '../../../electron/core/catalog/catalog-file-error';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { accessKeyOf, useHarness } from './harness';

const MINUTE = 60_000;

const world = useHarness();

function addRole(name: string, sourceProfile = 'source') {
  return world.h.manager.addRole({
    label: name,
    roleArn: `arn:aws:iam::210987654321:role/${name}`,
    profile: name,
    source: { kind: 'profile', profile: sourceProfile },
  } as never);
}

function catalogPath(): string {
  return join(world.h.home.switchyardConfigDir, 'catalog.json');
}

/** A source profile whose credential_process never answers within the test. */
function addStuckSourceProfile(): void {
  writeFileSync(
    world.h.home.configPath,
    `[profile never-answers]\ncredential_process = sleep 30\n`,
  );
}

describe('a catalog edited into invalid JSON while the refresher runs', () => {
  it('keeps refreshing from the last good catalog, tells once, refuses writes, and picks up the fixed file', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    const before = accessKeyOf(world.h.home.readCredentials(), 'dev');
    const good = readFileSync(catalogPath(), 'utf8');

    // A truncated, non-atomic save.
    const broken = good.slice(0, Math.floor(good.length / 2));
    writeFileSync(catalogPath(), broken);
    await expect(world.h.manager.catalogChanged()).resolves.toBeUndefined();
    await expect(world.h.manager.catalogChanged()).resolves.toBeUndefined();
    const told = world.h.notes.filter((n) => n.kind === 'catalog');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatch(/catalog\.json/);
    expect(told[0]!.body).not.toMatch(/\n/);
    expect(world.h.manager.snapshot().roles.map((r) => r.role.label)).toEqual(['dev']);

    // Writes on the broken file fail with the clear error and leave it as it is.
    await expect(addRole('other')).rejects.toBeInstanceOf(CatalogFileError);
    expect(readFileSync(catalogPath(), 'utf8')).toBe(broken);

    // Still refreshing: due before expiry, with the broken file in place.
    await world.h.advance(55 * MINUTE);
    const after = accessKeyOf(world.h.home.readCredentials(), 'dev');
    expect(after).toMatch(/^ASIA/);
    expect(after).not.toBe(before);
    expect(world.h.notes.filter((n) => n.kind === 'catalog')).toHaveLength(1);

    // Fixed (with an edit): picked up, and told once.
    writeFileSync(catalogPath(), good.replace('"label": "dev"', '"label": "Dev fixed"'));
    await world.h.manager.catalogChanged();
    expect(world.h.manager.snapshot().roles.map((r) => r.role.label)).toEqual(['Dev fixed']);
    const notices = world.h.notes.filter((n) => n.kind === 'catalog');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.title).toMatch(/readable again/);
  });
});

describe('a stuck source', () => {
  /** Wall time (a deadline bounds real I/O): short here, 30 s by default. */
  const ROLE_DEADLINE_MS = 1_000;
  beforeEach(async () => {
    await world.reopen({ roleDeadlineMs: ROLE_DEADLINE_MS });
  });

  it('does not hold back the other roles of its round past the deadline', async () => {
    addStuckSourceProfile();
    const stuck = await addRole('stuck', 'never-answers');
    const healthy = await addRole('healthy');
    const both = Promise.all([
      world.h.manager.activate(stuck.id),
      world.h.manager.activate(healthy.id),
    ]);
    await both;
    const snapshot = world.h.manager.snapshot();
    const viewOf = (id: string) => snapshot.roles.find((r) => r.role.id === id)!;
    expect(viewOf(healthy.id).state).toBe('active');
    expect(accessKeyOf(world.h.home.readCredentials(), 'healthy')).toMatch(/^ASIA/);
    expect(viewOf(stuck.id).error?.message).toMatch(/assuming stuck did not finish within 1 s/);
    expect(viewOf(stuck.id).error?.kind).toBe('retryable');
    expect(accessKeyOf(world.h.home.readCredentials(), 'stuck')).toBeUndefined();
  });
});

describe('stop()', () => {
  // The default deadline (30 s): only aborting what is in flight ends this quickly.
  it('ends a round stuck on its source without waiting for it', async () => {
    addStuckSourceProfile();
    const stuck = await addRole('stuck', 'never-answers');
    const activation = world.h.manager.activate(stuck.id).catch(() => undefined);
    // Let the round start and reach the credential_process.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await world.h.manager.stop();
    await activation;
    // Nothing was recorded as the role's failure: it was cut short, not failed.
    const state = await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read();
    expect(state.sessions[stuck.id]?.error).toBeUndefined();
  }, 20_000); // under the 30 s deadline: only the abort can end it in time
});
