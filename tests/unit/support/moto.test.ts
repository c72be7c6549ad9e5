import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMotoIamUser, startMoto, type MotoServer } from '../../support/moto';
import { requireTool } from '../../support/tools';

const moto = requireTool('moto');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!moto.available)(`moto server ${moto.skipReason}`, () => {
  let server: MotoServer;

  beforeAll(async () => {
    server = await startMoto();
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  const sts = (credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) =>
    new STSClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 5_000, throwOnRequestTimeout: true },
    });

  it('serves AssumeRole to the real SDK', async () => {
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    const out = await sts({ accessKeyId: 'AKIAEXAMPLEMOTO00001', secretAccessKey: 's' }).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::210987654321:role/Deploy',
        RoleSessionName: 'moto-test',
      }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const who = await sts({
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::210987654321:assumed-role/Deploy/moto-test');
    expect(who.Account).toBe('210987654321');
  });

  it('creates an IAM user whose key moto attributes to that user', async () => {
    const user = await createMotoIamUser(server.endpoint, 'dana', { accountId: '135792468013' });
    expect(user.arn).toBe('arn:aws:iam::135792468013:user/dana');
    expect(user.accessKeyId).toMatch(/^AKIA/);
    const who = await sts(user).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(user.arn);
    expect(who.Account).toBe('135792468013');
  });
});

describe.skipIf(!moto.available)(`moto lifecycle ${moto.skipReason}`, () => {
  it('stop() leaves no process behind', async () => {
    const own = await startMoto();
    expect(isAlive(own.pid)).toBe(true);
    await own.stop();
    await own.stop();
    expect(isAlive(own.pid)).toBe(false);
    await expect(fetch(own.endpoint, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 30_000);
});

describe('moto start failures', () => {
  it('reports a clear error with stderr when the interpreter cannot start moto', async () => {
    const saved = process.env.SWITCHYARD_PYTHON;
    process.env.SWITCHYARD_PYTHON = process.execPath; // node: "-c" is not a Python flag
    try {
      await expect(startMoto({ timeoutMs: 10_000 })).rejects.toThrow(
        /moto server[\s\S]*--- stderr ---[\s\S]*exited before reporting its port/,
      );
    } finally {
      if (saved === undefined) delete process.env.SWITCHYARD_PYTHON;
      else process.env.SWITCHYARD_PYTHON = saved;
    }
  });

  it('reports a missing interpreter', async () => {
    const saved = process.env.SWITCHYARD_PYTHON;
    process.env.SWITCHYARD_PYTHON = '/nonexistent/python3';
    try {
      await expect(startMoto({ timeoutMs: 5_000 })).rejects.toThrow(/could not start: .*ENOENT/);
    } finally {
      if (saved === undefined) delete process.env.SWITCHYARD_PYTHON;
      else process.env.SWITCHYARD_PYTHON = saved;
    }
  });

  it('gives up after the start timeout and kills the child', async () => {
    const saved = process.env.SWITCHYARD_PYTHON;
    // A "python" that never prints a port and exits only at stdin EOF, like the real script.
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-moto-'));
    const fake = join(dir, 'silent-python');
    writeFileSync(fake, '#!/bin/sh\nexec cat >/dev/null\n', { mode: 0o755 });
    process.env.SWITCHYARD_PYTHON = fake;
    try {
      const t0 = Date.now();
      await expect(startMoto({ timeoutMs: 300 })).rejects.toThrow(
        /did not report its port within 300 ms/,
      );
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      if (saved === undefined) delete process.env.SWITCHYARD_PYTHON;
      else process.env.SWITCHYARD_PYTHON = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
