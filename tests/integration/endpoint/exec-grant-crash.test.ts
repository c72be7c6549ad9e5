/**
 * `exec` grants and their revocations are written without fsync
 * (grant-client.ts): a power loss or kernel crash may lose either. These are
 * the recovery paths that make that harmless, driven with real files, a real
 * refresher engine and real HTTP to its endpoint.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openGrant } from '../../../electron/core/endpoint/grant-client';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { askEndpoint, splitUri } from '../../support/endpoint-client';
import { useHarness } from '../session/harness';

const world = useHarness();

async function activeRole() {
  const role = await world.h.manager.addRole({
    label: 'dev',
    roleArn: 'arn:aws:iam::210987654321:role/dev',
    profile: 'dev',
    source: { kind: 'profile', profile: 'source' },
  } as never);
  await world.h.manager.activate(role.id);
  return role;
}

const statePath = () => openStateFile({ configDir: world.h.home.switchyardConfigDir }).path;
const grants = async () =>
  (await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read()).grants ?? [];

describe('an exec grant after a crash', () => {
  it('a revocation lost with the crash: the refresher that starts next drops the grant of the gone exec, its token gets 401', async () => {
    const role = await activeRole();
    // The `switchyard exec` process the grant belongs to.
    const exec = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => exec.once('exit', resolve));
    const handle = await openGrant({
      roleId: role.id,
      kind: 'exec',
      pid: exec.pid!,
      env: world.h.home.env,
    });
    const g = { ...splitUri(handle!.uri), token: handle!.token.reveal() };
    expect((await askEndpoint(g)).status).toBe(200);
    const withGrant = readFileSync(statePath());
    await handle!.revoke();
    // The crash: the refresher and the exec process die, and the revocation
    // never reached the disk (state.json is back to the bytes with the grant).
    await world.h.manager.stop();
    exec.kill('SIGKILL');
    await exited;
    writeFileSync(statePath(), withGrant);
    expect(await grants()).toHaveLength(1);

    await world.h.restart();
    expect(await grants()).toEqual([]);
    expect((await askEndpoint(g)).status).toBe(401);
  });

  it('a state.json the crash left empty or cut short: the refresher starts on it and serves a new exec grant', async () => {
    const role = await activeRole();
    await world.h.manager.stop();
    for (const torn of ['', '{"version":1,"sess']) {
      writeFileSync(statePath(), torn);
      await world.h.restart();
      const handle = await openGrant({
        roleId: role.id,
        kind: 'exec',
        pid: process.pid,
        env: world.h.home.env,
      });
      expect(handle).toBeDefined();
      const g = { ...splitUri(handle!.uri), token: handle!.token.reveal() };
      expect((await askEndpoint(g)).status).toBe(200);
      await handle!.revoke();
      await world.h.manager.stop();
    }
    await world.h.restart();
  });
});
