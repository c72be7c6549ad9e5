import { writeFileSync } from 'node:fs';
import { readAudit } from '../../../electron/core/audit/audit-read';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { addRequest } from '../../../electron/core/refresh/state-changes';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import type { StateAction } from '../../../electron/core/refresh/state-model';
import { LongTermKeys } from '../../../electron/core/secrets/long-term-keys';
import { Secret } from '../../../electron/core/secret';
import type { RoleForm } from '../../../shared/ipc-contract';
import {
  accessKeyOf,
  profileSection,
  SOURCE_KEY,
  SOURCE_SECRET,
  USER_FILE,
  useHarness,
} from './harness';

const MINUTE = 60_000;

/** Waits (real time, bounded) for a change another process's write triggers. */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const world = useHarness();

function addRole(name: string, extra: Record<string, unknown> = {}) {
  return world.h.manager.addRole({
    label: name,
    roleArn: `arn:aws:iam::210987654321:role/${name}`,
    profile: name,
    source: { kind: 'profile', profile: 'source' },
    ...extra,
  } as never);
}

/** The role `hop` in account 333333333333, assumed from the role `fromId` (role chaining). */
function addHop(fromId: string, extra: Partial<RoleForm> = {}) {
  return world.h.manager.addRole({
    label: 'hop',
    roleArn: 'arn:aws:iam::333333333333:role/hop',
    profile: 'hop',
    source: { kind: 'role', roleId: fromId },
    ...extra,
  });
}

function view(roleId: string) {
  return world.h.manager.snapshot().roles.find((r) => r.role.id === roleId)!;
}

describe('SessionManager', () => {
  it('activates a role: profile written, snapshot active with expiry, state shared', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    const text = world.h.home.readCredentials();
    expect(text.startsWith(USER_FILE)).toBe(true);
    expect(accessKeyOf(text, 'dev')).toMatch(/^ASIA/);
    const v = view(role.id);
    expect(v.state).toBe('active');
    expect(v.expiresAt! - world.h.clock.now()).toBeGreaterThan(59 * MINUTE);
    const state = await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read();
    expect(state.sessions[role.id]).toMatchObject({ desired: 'active', state: 'active' });
    // Views never carry credentials.
    const json = JSON.stringify(world.h.manager.snapshot());
    expect(json).not.toContain(accessKeyOf(text, 'dev')!);
    expect(json).not.toContain(SOURCE_SECRET);
  });

  it('refreshes before expiry (margin), not before, with one write per round', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    const firstKey = accessKeyOf(world.h.home.readCredentials(), 'dev');
    const writes = world.h.writes();
    await world.h.advance(40 * MINUTE); // 20 min left: margin is 10 min, nothing yet
    expect(accessKeyOf(world.h.home.readCredentials(), 'dev')).toBe(firstKey);
    expect(world.sts.count('AssumeRole')).toBe(1);
    await world.h.advance(12 * MINUTE); // 8 min left: inside the margin
    expect(world.sts.count('AssumeRole')).toBe(2);
    expect(accessKeyOf(world.h.home.readCredentials(), 'dev')).not.toBe(firstKey);
    expect(world.h.writes()).toBe(writes + 1);
    expect(view(role.id).state).toBe('active');
  });

  it('refreshes 200 roles through several rounds with one credentials-file write per round', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await addRole(`r${i}`)).id);
    const before = world.h.writes();
    await world.h.manager.refresh(null); // nothing active: no-op
    // Activations asked for together share rounds: a handful of writes, not 200.
    await Promise.all(ids.map((id) => world.h.manager.activate(id)));
    const activationWrites = world.h.writes() - before;
    expect(activationWrites).toBeGreaterThanOrEqual(1);
    expect(activationWrites).toBeLessThanOrEqual(2);
    const writesAfterActivation = world.h.writes();
    await world.h.manager.refresh(null);
    expect(world.h.writes()).toBe(writesAfterActivation + 1);
    await world.h.manager.refresh(null);
    expect(world.h.writes()).toBe(writesAfterActivation + 2);
    const text = world.h.home.readCredentials();
    expect(text.match(/x_switchyard_managed = true/g)).toHaveLength(200);
    expect(world.h.manager.snapshot().roles.every((r) => r.state === 'active')).toBe(true);
    expect(world.sts.stats().maxInFlight).toBeLessThanOrEqual(10);
  });

  it('backs off on throttling while the old session is valid, without hot-looping, then recovers', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    world.sts.setDefaultFault({ kind: 'throttle' });
    await world.h.advance(51 * MINUTE); // refresh due: fails
    expect(view(role.id).state).toBe('active');
    expect(view(role.id).error?.code).toBe('Throttling');
    const afterFirst = world.sts.count('AssumeRole');
    for (let i = 0; i < 6; i++) await world.h.advance(MINUTE);
    const attempts = world.sts.count('AssumeRole') - afterFirst;
    expect(attempts).toBeGreaterThan(0); // it retries...
    expect(attempts).toBeLessThan(12); // ...but never hot-loops
    world.sts.setDefaultFault(null);
    for (let i = 0; i < 3 && view(role.id).error; i++) await world.h.advance(MINUTE);
    expect(view(role.id).error).toBeUndefined();
    expect(view(role.id).state).toBe('active');
  });

  it('stops on AccessDenied, tells the user, and removes the profile when the session expires', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    world.sts.setDefaultFault({
      kind: 'error',
      code: 'AccessDenied',
      status: 403,
      message: 'User: x is not authorized to perform: sts:AssumeRole',
    });
    await world.h.advance(51 * MINUTE);
    expect(view(role.id).state).toBe('error');
    expect(view(role.id).error).toMatchObject({ kind: 'needs-user', code: 'AccessDenied' });
    expect(world.h.notes.some((n) => n.kind === 'failed' && n.roleId === role.id)).toBe(true);
    const attempts = world.sts.count('AssumeRole');
    await world.h.advance(5 * MINUTE);
    expect(world.sts.count('AssumeRole')).toBe(attempts); // no retry for needs-user
    await world.h.advance(10 * MINUTE); // past expiry
    expect(view(role.id).state).toBe('expired');
    expect(profileSection(world.h.home.readCredentials(), 'dev')).toBeUndefined();
    expect(world.h.home.readCredentials()).toBe(USER_FILE);
    expect(world.h.notes.some((n) => n.kind === 'expired' && n.roleId === role.id)).toBe(true);
    const { records } = await readAudit(world.h.home.switchyardConfigDir, { role: role.id });
    expect(records.map((r) => [r.event, r.outcome, r.errorCode])).toEqual([
      ['assume', 'ok', undefined],
      ['failure', 'error', 'AccessDenied'],
      ['expire-removed', 'ok', undefined],
    ]);
    expect(records.every((r) => r.by === 'daemon')).toBe(true);
  });

  it('rides out a server that goes away for minutes and comes back', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    await world.sts.stop();
    try {
      await world.h.advance(51 * MINUTE);
      expect(view(role.id).error).toMatchObject({ kind: 'retryable', code: 'ECONNREFUSED' });
      expect(view(role.id).state).toBe('active'); // the old session still serves
      for (let i = 0; i < 4; i++) await world.h.advance(MINUTE);
    } finally {
      await world.sts.start();
    }
    for (let i = 0; i < 4 && view(role.id).error; i++) await world.h.advance(MINUTE);
    expect(view(role.id).error).toBeUndefined();
    expect(view(role.id).expiresAt! - world.h.clock.now()).toBeGreaterThan(55 * MINUTE);
  });

  it("follows catalog edits made by another process, removing a deleted role's profile", async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    const other = CatalogStore.open({ dir: world.h.home.switchyardConfigDir });
    try {
      other.add({
        label: 'added elsewhere',
        roleArn: 'arn:aws:iam::210987654321:role/elsewhere',
        profile: 'elsewhere',
        source: { kind: 'profile', profile: 'source' },
      });
      await until(() =>
        world.h.manager.snapshot().roles.some((r) => r.role.label === 'added elsewhere'),
      );
      other.remove(role.id);
      await until(() => profileSection(world.h.home.readCredentials(), 'dev') === undefined);
      expect(world.h.home.readCredentials()).toBe(USER_FILE);
      // Nothing keeps planning for the removed role.
      const calls = world.sts.count('AssumeRole');
      await world.h.advance(70 * MINUTE);
      expect(world.sts.count('AssumeRole')).toBe(calls);
    } finally {
      other.close();
    }
  });

  it('stops, without retrying, when the user puts their own keys in a profile it manages', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    const own = `${USER_FILE}\n[dev]\naws_access_key_id = AKIAUSEROWNKEYS00001\naws_secret_access_key = ${'u'.repeat(40)}\n`;
    writeFileSync(world.h.home.credentialsPath, own, { mode: 0o600 });
    await world.h.advance(51 * MINUTE);
    expect(view(role.id).state).toBe('error');
    expect(view(role.id).error).toMatchObject({ kind: 'needs-user', code: 'ProfileRefused' });
    const calls = world.sts.count('AssumeRole');
    await world.h.advance(5 * MINUTE);
    expect(world.sts.count('AssumeRole')).toBe(calls);
    expect(world.h.home.readCredentials()).toBe(own);
  });

  it('re-plans at once after sleep/resume or a wall-clock jump', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    world.h.clock.jump(55 * MINUTE); // asleep: no timer fired
    world.sts.setClockOffset(world.h.clock.now() - Date.now());
    expect(world.sts.count('AssumeRole')).toBe(1);
    world.h.manager.resume();
    await world.h.manager.idle();
    expect(world.sts.count('AssumeRole')).toBe(2);
    expect(view(role.id).expiresAt! - world.h.clock.now()).toBeGreaterThan(55 * MINUTE);
  });

  it('pauses while offline and refreshes when back online', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    world.h.manager.setOnline(false);
    await world.h.advance(52 * MINUTE);
    expect(world.sts.count('AssumeRole')).toBe(1);
    world.h.manager.setOnline(true);
    await world.h.manager.idle();
    expect(world.sts.count('AssumeRole')).toBe(2);
  });

  it('survives a restart: active sessions resume from the files', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    const expiresAt = view(role.id).expiresAt!;
    const manager = await world.h.restart();
    const v = manager.snapshot().roles.find((r) => r.role.id === role.id)!;
    expect(v.state).toBe('active');
    expect(Math.abs(v.expiresAt! - expiresAt)).toBeLessThan(1000);
    await world.h.advance(52 * MINUTE);
    expect(world.sts.count('AssumeRole')).toBe(2);
  });

  it('after a restart, a throttled refresh keeps the session from the file active', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    await world.h.restart(); // the session now lives only in the credentials file
    world.sts.setDefaultFault({ kind: 'throttle' });
    try {
      await world.h.advance(51 * MINUTE);
      expect(view(role.id).error?.code).toBe('Throttling');
      expect(view(role.id).state).toBe('active');
    } finally {
      world.sts.setDefaultFault(null);
    }
  });

  it("carries out other processes' requests in order, sharing one round among activations", async () => {
    const a = await addRole('a');
    const b = await addRole('b');
    const c = await addRole('c');
    const stateFile = openStateFile({ configDir: world.h.home.switchyardConfigDir });
    const asked: [string, StateAction, string][] = [
      ['r1', 'activate', a.id],
      ['r2', 'activate', b.id],
      ['r3', 'activate', c.id],
      ['r4', 'refresh', a.id], // after r1: a is active by then
      ['r5', 'deactivate', b.id],
      ['r6', 'activate', b.id], // after r5: b ends active
    ];
    const writesBefore = world.h.writes();
    const createdAt = world.h.clock.now();
    await stateFile.update((state) =>
      asked.reduce(
        (next, [id, action, roleId]) =>
          addRequest(next, { id, action, roleId, createdAt, from: { pid: 1, kind: 'cli' } }),
        state,
      ),
    );
    await world.h.manager.processRequests(); // the state-file watcher may have claimed them first
    let state = await stateFile.read();
    for (const deadline = Date.now() + 10_000; state.results.length < asked.length;) {
      if (Date.now() > deadline) throw new Error(`${state.results.length} results in time`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await stateFile.read();
    }
    await world.h.manager.idle();
    expect(state.results.map((r) => [r.id, r.ok, r.message])).toEqual(
      asked.map(([id]) => [id, true, undefined]),
    );
    for (const role of [a, b, c]) expect(view(role.id).state).toBe('active');
    expect(profileSection(world.h.home.readCredentials(), 'b')).toBeDefined();
    // r1-r3 in one round; r4, r5 and r6 each on their own (one write each).
    expect(world.h.writes() - writesBefore).toBe(4);
  });

  it('activateAll: three roles, one of them chained from another, in one round and one write', async () => {
    const a = await addRole('a');
    const b = await addRole('b');
    const hop = await addHop(a.id);
    const before = world.h.writes();
    await world.h.manager.activateAll([a.id, 'b', hop.id]);
    expect(world.h.writes() - before).toBe(1);
    for (const role of [a, b, hop]) expect(view(role.id).state).toBe('active');
    const text = world.h.home.readCredentials();
    for (const profile of ['a', 'b', 'hop']) expect(accessKeyOf(text, profile)).toMatch(/^ASIA/);
  });

  it('activateAll checks every name first: an unknown one activates nothing', async () => {
    const a = await addRole('a');
    await expect(world.h.manager.activateAll([a.id, 'nope'])).rejects.toThrow(/nope/);
    expect(view(a.id).state).toBe('inactive');
    expect(world.sts.count('AssumeRole')).toBe(0);
    expect(world.h.home.readCredentials()).toBe(USER_FILE);
  });

  it('deactivate removes the profile and the shared state', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    await world.h.manager.deactivate(role.id);
    expect(world.h.home.readCredentials()).toBe(USER_FILE);
    expect(view(role.id).state).toBe('inactive');
    const state = await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read();
    expect(state.sessions[role.id]).toBeUndefined();
  });

  it('chains: activating a role activates the role it is assumed from, capped at one hour', async () => {
    const base = await addRole('base');
    const hop = await addHop(base.id, { durationSeconds: 3600 });
    await world.h.manager.activate(hop.id);
    expect(view(base.id).state).toBe('active');
    expect(view(hop.id).state).toBe('active');
    expect(view(hop.id).chained).toBe(true);
    const callers = world.sts.requests
      .filter((r) => r.action === 'AssumeRole')
      .map((r) => r.callerKind);
    expect(callers).toEqual(['user', 'assumed-role']);
  });

  it('asks for one MFA code per source identity, shared by every role using it', async () => {
    const serial = world.sts.mfa!.serial;
    const keys = new LongTermKeys(world.h.secrets);
    await keys.set('ci-user', {
      accessKeyId: new Secret(SOURCE_KEY),
      secretAccessKey: new Secret(SOURCE_SECRET),
    });
    // Both roles assumed from the stored keys, behind the same MFA device.
    const ciUserWithMfa = { source: { kind: 'keys', name: 'ci-user' }, mfaSerial: serial };
    const a = await addRole('a', ciUserWithMfa);
    const b = await addRole('b', ciUserWithMfa);
    const seen: number[] = [];
    world.h.manager.subscribe((snapshot) => seen.push(snapshot.mfaPrompts.length)); // a live view freezes snapshots
    await world.h.manager.activate(a.id);
    await world.h.manager.activate(b.id);
    expect(seen.length).toBeGreaterThan(0);
    const prompts = world.h.manager.snapshot().mfaPrompts;
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ sourceKey: 'keys:ci-user', mfaSerial: serial });
    expect([...prompts[0]!.waitingRoleIds].sort()).toEqual([a.id, b.id].sort());
    expect(view(a.id).state).toBe('needs-mfa');
    await expect(world.h.manager.submitMfaCode('keys:ci-user', '000000')).rejects.toThrow(
      /MultiFactorAuthentication/,
    );
    await world.h.manager.submitMfaCode('keys:ci-user', world.sts.mfa!.code);
    expect(world.sts.count('GetSessionToken')).toBe(2); // one wrong, one right: never one per role
    expect(view(a.id).state).toBe('active');
    expect(view(b.id).state).toBe('active');
    expect(view(a.id).chained).toBe(true);
    expect(world.h.manager.snapshot().mfaPrompts).toHaveLength(0);
    // A later refresh reuses the cached MFA session: no new prompt.
    await world.h.manager.refresh(null);
    expect(world.sts.count('GetSessionToken')).toBe(2);
    expect(world.h.manager.snapshot().mfaPrompts).toHaveLength(0);
    const { records } = await readAudit(world.h.home.switchyardConfigDir, {
      event: 'mfa-session',
    });
    expect(records.map((r) => [r.outcome, r.source, r.errorCode])).toEqual([
      ['error', 'keychain:ci-user', 'AccessDenied'],
      ['ok', 'keychain:ci-user', undefined],
    ]);
  });

  it("writes [default] for the default role, but never over the user's own keys", async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    await world.h.manager.setDefault(role.id);
    expect(accessKeyOf(world.h.home.readCredentials(), 'default')).toBe(
      accessKeyOf(world.h.home.readCredentials(), 'dev'),
    );
    await world.h.manager.setDefault(null);
    expect(profileSection(world.h.home.readCredentials(), 'default')).toBeUndefined();
  });

  it('removes [default] with the profile when the default role expires unrenewed', async () => {
    const role = await addRole('dev');
    await world.h.manager.activate(role.id);
    await world.h.manager.setDefault(role.id);
    expect(accessKeyOf(world.h.home.readCredentials(), 'default')).toBe(
      accessKeyOf(world.h.home.readCredentials(), 'dev'),
    );
    world.sts.setDefaultFault({ kind: 'error', code: 'AccessDenied', status: 403, message: 'no' });
    await world.h.advance(61 * MINUTE); // refreshes refused, then past expiry
    expect(view(role.id).state).toBe('expired');
    const text = world.h.home.readCredentials();
    expect(profileSection(text, 'default')).toBeUndefined();
    expect(profileSection(text, 'dev')).toBeUndefined();
    expect(text).toBe(USER_FILE);
  });

  it('never overwrites a [default] holding long-term keys', async () => {
    const userFile = `${USER_FILE}\n[default]\naws_access_key_id = AKIADEFAULTDEFAULT01\naws_secret_access_key = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n`;
    await world.reopen({ credentials: userFile });
    const role = await addRole('dev');
    await world.h.manager.setDefault(role.id);
    await world.h.manager.activate(role.id);
    expect(world.h.home.readCredentials().startsWith(userFile)).toBe(true);
    expect(accessKeyOf(world.h.home.readCredentials(), 'default')).toBe('AKIADEFAULTDEFAULT01');
    expect(view(role.id).state).toBe('active');
    expect(world.h.notes.some((n) => /default/.test(n.title))).toBe(true);
  });
});
