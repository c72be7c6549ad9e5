import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoleEntry } from '../../../shared/model';
import type { RoleForm } from '../../../shared/ipc-contract';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { eventually } from '../../support/daemon';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import {
  accessKeyOf,
  profileSection,
  SOURCE_KEY,
  SOURCE_SECRET,
  startHarness,
  USER_FILE,
  type Harness,
} from './harness';

/**
 * The tray's own edits (engine.updateRole / removeRole) and a passive app's
 * take the same engine path as edits from other processes: the profile a live
 * session wrote moves with the role or goes with it, in one credentials write
 * when the session is at hand.
 */
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
  h = await startHarness(sts);
});
afterEach(async () => {
  await h.close();
});

function formOf(role: RoleEntry, change: Partial<RoleForm>): RoleForm {
  const form: Record<string, unknown> = { ...role, ...change };
  for (const key of ['id', 'tags', 'importedFrom']) delete form[key];
  return form as RoleForm;
}

async function activeRole(): Promise<RoleEntry> {
  const role = await h.manager.addRole({
    label: 'Dev',
    roleArn: 'arn:aws:iam::210987654321:role/dev',
    profile: 'dev',
    source: { kind: 'profile', profile: 'source' },
  });
  await h.manager.activate(role.id);
  expect(accessKeyOf(h.home.readCredentials(), 'dev')).toMatch(/^ASIA/);
  return role;
}

describe('the tray edits a role with a live session', () => {
  it('a new profile name moves the live session there in one write, with no new AssumeRole', async () => {
    const role = await activeRole();
    const key = accessKeyOf(h.home.readCredentials(), 'dev');
    const [writes, assumed] = [h.writes(), sts.count('AssumeRole')];
    await h.manager.updateRole(role.id, formOf(role, { profile: 'dev-2' }));
    const text = h.home.readCredentials();
    expect(profileSection(text, 'dev')).toBeUndefined();
    expect(accessKeyOf(text, 'dev-2')).toBe(key);
    expect(text.startsWith(USER_FILE)).toBe(true);
    expect(h.writes() - writes).toBe(1);
    expect(sts.count('AssumeRole')).toBe(assumed);
    // Later rounds write the new profile only.
    await h.manager.refresh(role.id);
    expect(profileSection(h.home.readCredentials(), 'dev')).toBeUndefined();
    expect(accessKeyOf(h.home.readCredentials(), 'dev-2')).not.toBe(key);
  });

  it('a new role ARN assumes the new role into the profile', async () => {
    const role = await activeRole();
    const arn = 'arn:aws:iam::210987654321:role/dev-other';
    await h.manager.updateRole(role.id, formOf(role, { roleArn: arn }));
    const last = sts.requests.filter((r) => r.action === 'AssumeRole').at(-1);
    expect(last?.roleArn).toBe(arn);
    expect(h.manager.snapshot().roles[0]!.state).toBe('active');
  });

  it('after a restart (session not in memory) the session is read back from the old profile and moved', async () => {
    const role = await activeRole();
    const key = accessKeyOf(h.home.readCredentials(), 'dev');
    await h.restart();
    const assumed = sts.count('AssumeRole');
    await h.manager.updateRole(role.id, formOf(role, { profile: 'dev-3' }));
    expect(profileSection(h.home.readCredentials(), 'dev')).toBeUndefined();
    expect(accessKeyOf(h.home.readCredentials(), 'dev-3')).toBe(key);
    expect(sts.count('AssumeRole')).toBe(assumed);
  });
});

describe('a passive app edits a role', () => {
  it('the refresher moves the profile (the passive process writes no credentials)', async () => {
    const role = await activeRole();
    const key = accessKeyOf(h.home.readCredentials(), 'dev');
    const passive = await createSessionEngine({
      kind: 'app',
      configDir: h.home.switchyardConfigDir,
      env: h.home.env,
      secrets: new MemorySecretStore(),
    });
    try {
      expect(passive.mode).toBe('passive');
      await passive.updateRole(role.id, formOf(role, { profile: 'dev-passive' }));
      await eventually(
        () => accessKeyOf(h.home.readCredentials(), 'dev-passive') === key,
        'the refresher to move the profile',
      );
      expect(profileSection(h.home.readCredentials(), 'dev')).toBeUndefined();
    } finally {
      await passive.stop();
    }
  });
});
