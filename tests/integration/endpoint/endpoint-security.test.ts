import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { GRANT_SWEEP_MS } from '../../../electron/core/endpoint/endpoint-host';
import { openGrant } from '../../../electron/core/endpoint/grant-client';
import { grantsDir } from '../../../electron/core/endpoint/grant-files';
import { tokenSha256 } from '../../../electron/core/endpoint/grant-token';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import { askEndpoint, splitUri } from '../../support/endpoint-client';
import { useHarness } from '../session/harness';

const world = useHarness();

function addRole(name: string) {
  return world.h.manager.addRole({
    label: name,
    roleArn: `arn:aws:iam::210987654321:role/${name}`,
    profile: name,
    source: { kind: 'profile', profile: 'source' },
  } as never);
}

async function grantFor(roleId: string, kind: 'exec' | 'endpoint' = 'endpoint', pid?: number) {
  const handle = await openGrant({
    roleId,
    kind,
    ...(pid !== undefined ? { pid } : {}),
    env: world.h.home.env,
  });
  if (!handle) throw new Error('expected the refresher to grant');
  return { handle, ...splitUri(handle.uri), token: handle.token.reveal() };
}

/** The exec grant files (exec grants live there while the refresher reads them). */
function grantFiles(): string[] {
  return readdirSync(grantsDir(world.h.home.switchyardConfigDir));
}

async function grants() {
  return (await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read()).grants ?? [];
}

describe('local credential endpoint: who gets an answer', () => {
  it('answers a grant with the role session and 401s a missing, wrong or other role token', async () => {
    const dev = await addRole('dev');
    const ops = await addRole('ops');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    const other = await grantFor(ops.id);
    expect(g.path).toBe(`/role/${dev.id}`);

    const ok = await askEndpoint(g);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual([
      'AccessKeyId',
      'Expiration',
      'RoleArn',
      'SecretAccessKey',
      'Token',
    ]);
    expect(ok.body.RoleArn).toBe(dev.roleArn);
    expect(
      world.h.home.readCredentials().includes(`aws_access_key_id = ${String(ok.body.AccessKeyId)}`),
    ).toBe(true);
    expect(Date.parse(String(ok.body.Expiration))).toBeGreaterThan(world.h.clock.now());

    expect((await askEndpoint({ port: g.port, path: g.path })).status).toBe(401);
    expect((await askEndpoint({ ...g, token: `${g.token}x` })).status).toBe(401);
    expect((await askEndpoint({ ...g, token: 'a'.repeat(600) })).status).toBe(401);
    expect((await askEndpoint({ ...g, token: 'a'.repeat(10_000) })).status).toBe(431);
    const crossed = await askEndpoint({ ...g, token: other.token });
    expect(crossed.status).toBe(401);
    expect(crossed.body).toMatchObject({ code: 'Unauthorized' });
    expect(JSON.stringify(crossed.body)).not.toContain(other.token);
  });

  it('refuses a foreign Host (DNS rebinding), a non-GET and an unknown path', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    for (const host of [
      `evil.com:${g.port}`,
      'localhost',
      `127.0.0.1:${g.port + 1}`,
      `127.0.0.2:${g.port}`,
    ]) {
      const answer = await askEndpoint({ ...g, host });
      expect(answer.status, host).toBe(403);
      expect(answer.body).toMatchObject({ code: 'BadHost' });
    }
    expect((await askEndpoint({ ...g, host: `localhost:${g.port}` })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await askEndpoint({ ...g, method });
      expect(answer.status, method).toBe(405);
    }
    expect((await askEndpoint({ ...g, path: '/role/' })).status).toBe(404);
    expect((await askEndpoint({ ...g, path: `${g.path}/../x` })).status).toBe(404);
    expect((await askEndpoint({ ...g, path: '/role/%E0%A4%A' })).status).toBe(404);
  });

  it('keeps answering good tokens after 1,000 bad ones', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    const agent = new Agent({ keepAlive: true, maxSockets: 10 });
    try {
      const bad = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => askEndpoint({ ...g, token: `bad-${i}`, agent })),
      );
      expect(bad.every((a) => a.status === 401)).toBe(true);
      const good = await Promise.all(
        Array.from({ length: 20 }, () => askEndpoint({ ...g, agent })),
      );
      expect(good.every((a) => a.status === 200)).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('refuses a revoked grant at once and a grant made a moment ago is honoured', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id, 'exec', process.pid);
    expect((await askEndpoint(g)).status).toBe(200);
    expect(grantFiles()).toEqual([`${tokenSha256(g.token)}.json`]);
    await g.handle.revoke();
    expect((await askEndpoint(g)).status).toBe(401);
    expect(await grants()).toEqual([]);
    expect(grantFiles()).toEqual([]);
  });

  it('drops an exec grant whose process was killed, and grants of a removed role', async () => {
    const dev = await addRole('dev');
    const ops = await addRole('ops');
    await world.h.manager.activate(dev.id);
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const g = await grantFor(dev.id, 'exec', child.pid);
    const kept = await grantFor(dev.id, 'endpoint');
    const gone = await grantFor(ops.id, 'endpoint');
    const goneExec = await grantFor(ops.id, 'exec', process.pid);
    expect((await askEndpoint(g)).status).toBe(200);
    const opsFile = `${tokenSha256(goneExec.token)}.json`;
    expect(grantFiles().sort()).toEqual([`${tokenSha256(g.token)}.json`, opsFile].sort());
    child.kill('SIGKILL');
    await exited;
    await world.h.advance(GRANT_SWEEP_MS);
    await expect.poll(() => grantFiles(), { timeout: 5000 }).toEqual([opsFile]);
    await world.h.manager.removeRole(ops.id);
    await expect.poll(() => grantFiles(), { timeout: 5000 }).toEqual([]);
    expect((await askEndpoint(goneExec)).status).toBe(401);
    await expect
      .poll(async () => (await grants()).map((x) => x.kind), { timeout: 5000 })
      .toEqual(['endpoint']);
    expect((await askEndpoint(g)).status).toBe(401);
    expect((await askEndpoint(gone)).status).toBe(401);
    expect((await askEndpoint(kept)).status).toBe(200);
  });

  it('says it reads grant files, and says so again after an older CLI rewrote state.json without it', async () => {
    const state = openStateFile({ configDir: world.h.home.switchyardConfigDir });
    expect((await state.read()).endpoint?.grantFiles).toBe(true);
    // A CLI from before grant files keeps only the fields it knows when it rewrites the file.
    await state.update((current) => {
      const { port, pid, startedAt } = current.endpoint!;
      return { ...current, endpoint: { port, pid, startedAt } };
    });
    expect((await state.read()).endpoint?.grantFiles).toBeUndefined();
    await world.h.advance(GRANT_SWEEP_MS);
    await expect
      .poll(async () => (await state.read()).endpoint?.grantFiles, { timeout: 5000 })
      .toBe(true);
  });

  it('a grants folder that cannot be swept is reported, and state.json is still kept', async () => {
    const config = world.h.home.switchyardConfigDir;
    // Not a folder any more: every sweep of it fails (ENOTDIR).
    rmSync(grantsDir(config), { recursive: true });
    writeFileSync(grantsDir(config), '');
    const state = openStateFile({ configDir: config });
    await state.update((current) => {
      const { port, pid, startedAt } = current.endpoint!;
      return { ...current, endpoint: { port, pid, startedAt } };
    });
    await world.h.advance(GRANT_SWEEP_MS);
    await expect
      .poll(async () => (await state.read()).endpoint?.grantFiles, { timeout: 5000 })
      .toBe(true);
    const told = world.h.notes.filter((n) => n.title.includes('sweeping exec grant files'));
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]!.body).toMatch(/ENOTDIR|not a directory/i);
  });

  it('binds 127.0.0.1 only: another address of this machine is refused', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    const state = await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read();
    expect(state.endpoint).toMatchObject({ port: g.port, pid: process.pid });
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      await expect(askEndpoint({ ...g, address })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
    await expect(askEndpoint({ ...g, address: '::1' })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNREFUSED|EADDRNOTAVAIL/),
    });
  });

  it('stops with the refresher; a new one serves on the same port', async () => {
    const dev = await addRole('dev');
    await world.h.manager.activate(dev.id);
    const g = await grantFor(dev.id);
    await world.h.manager.stop();
    await expect(askEndpoint(g)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(
      await openGrant({ roleId: dev.id, kind: 'endpoint', env: world.h.home.env }),
    ).toBeUndefined();
    await world.h.restart();
    expect((await askEndpoint(g)).status).toBe(200);
  });

  it('a passive process serves nothing; taking over (as the daemon does) it serves on the same port', async () => {
    const dev = await addRole('dev');
    const g = await grantFor(dev.id);
    const open = () =>
      createSessionEngine({
        kind: 'daemon',
        configDir: world.h.home.switchyardConfigDir,
        env: world.h.home.env,
        secrets: new MemorySecretStore(),
      });
    const passive = await open();
    try {
      expect(passive.mode).toBe('passive');
      const state = await openStateFile({ configDir: world.h.home.switchyardConfigDir }).read();
      expect(state.endpoint?.port).toBe(g.port);
      await world.h.manager.stop();
      await expect(askEndpoint(g)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await passive.stop();
    }
    const takenOver = await open();
    try {
      expect(takenOver.mode).toBe('refresher');
      expect((await askEndpoint(g)).status).toBe(200);
    } finally {
      await takenOver.stop();
    }
  });
});
