/**
 * `exec` grants and their revocations are written without fsync (a grant file
 * and its unlink, grant-files.ts; a grant in state.json from an older CLI):
 * a power loss or kernel crash may lose either. These are
 * the recovery paths that make that harmless, driven with real files, a real
 * refresher engine and real HTTP to its endpoint.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addGrant, dropGrants } from '../../../electron/core/endpoint/grant-changes';
import { endpointUri, openGrant } from '../../../electron/core/endpoint/grant-client';
import { grantsDir } from '../../../electron/core/endpoint/grant-files';
import { newGrantToken, tokenSha256 } from '../../../electron/core/endpoint/grant-token';
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
  it('a revocation lost with the crash: the refresher that starts next drops the grant file of the gone exec, its token gets 401', async () => {
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
    const file = join(grantsDir(world.h.home.switchyardConfigDir), `${tokenSha256(g.token)}.json`);
    const withGrant = readFileSync(file);
    expect(await grants()).toEqual([]); // a file of its own, not in state.json
    await handle!.revoke();
    expect((await askEndpoint(g)).status).toBe(401);
    // The crash: the refresher and the exec process die, and the unlink
    // never reached the disk (the grant file is back).
    await world.h.manager.stop();
    exec.kill('SIGKILL');
    await exited;
    writeFileSync(file, withGrant);

    await world.h.restart();
    expect(existsSync(file)).toBe(false);
    expect((await askEndpoint(g)).status).toBe(401);
  });

  it('the same for a grant in state.json, as a CLI from before grant files writes it', async () => {
    const role = await activeRole();
    const exec = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => exec.once('exit', resolve));
    const token = newGrantToken();
    const state = openStateFile({ configDir: world.h.home.switchyardConfigDir });
    const grant = {
      id: 'older-cli',
      roleId: role.id,
      kind: 'exec' as const,
      tokenSha256: tokenSha256(token),
      pid: exec.pid!,
      createdAt: Date.now(),
    };
    await state.update((current) => addGrant(current, grant), { durable: false });
    const port = (await state.read()).endpoint!.port;
    const g = { ...splitUri(endpointUri(port, role.id)), token };
    expect((await askEndpoint(g)).status).toBe(200);
    const withGrant = readFileSync(statePath());
    await state.update((current) => dropGrants(current, (x) => x.id === grant.id));
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
