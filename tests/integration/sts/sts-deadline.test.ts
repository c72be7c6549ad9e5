/**
 * Overall deadlines: an STS server that trickles its answer one byte a second
 * resets any idle timer forever; the direct client and the SDK gateway must
 * both give up at their deadline with a retryable timeout. A credential_process
 * that never returns must fail, bounded, naming the profile.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn } from '../../../shared/role-arn';
import { Secret } from '../../../electron/core/secret';
import { StsGateway } from '../../../electron/core/sts/sts-gateway';
import { StsQueryClient } from '../../../electron/core/sts/sts-query-client';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';

const ROLE = parseRoleArn('arn:aws:iam::210987654321:role/deploy');
let sts: FaultStsServer;
let user: { accessKeyId: string; secretAccessKey: string };
let dir: string;

beforeAll(async () => {
  sts = await startFaultStsServer();
  user = sts.createUser('arn:aws:iam::123456789012:user/dev');
  dir = mkdtempSync(join(tmpdir(), 'switchyard-deadline-'));
});
afterAll(async () => {
  await sts.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys = () => ({
  accessKeyId: new Secret(user.accessKeyId),
  secretAccessKey: new Secret(user.secretAccessKey),
});

describe('a trickling STS answer', () => {
  it('the direct client stops at its deadline with a retryable timeout', async () => {
    sts.inject({ kind: 'trickle', intervalMs: 200 });
    const client = new StsQueryClient({
      endpoint: sts.endpoint,
      region: 'us-east-1',
      keys: keys(),
      maxAttempts: 1,
      requestTimeoutMs: 600,
    });
    try {
      await expect(client.assumeRole({ role: ROLE, sessionName: 's' })).rejects.toMatchObject({
        kind: 'retryable',
        code: 'ETIMEDOUT',
      });
    } finally {
      client.destroy();
    }
  });

  it('the SDK gateway stops at its deadline with a retryable timeout', async () => {
    sts.inject({ kind: 'trickle', intervalMs: 200 });
    const gateway = new StsGateway({
      region: 'us-east-1',
      source: { kind: 'keys', ...keys() },
      endpoint: sts.endpoint,
      maxAttempts: 1,
      requestTimeoutMs: 5_000,
      deadlineMs: 600,
    });
    try {
      await expect(gateway.assumeRole({ role: ROLE, sessionName: 's' })).rejects.toMatchObject({
        kind: 'retryable',
        code: 'TimeoutError',
      });
    } finally {
      gateway.destroy();
    }
  });
});

/** Whether `pid` is gone (or a zombie), polled briefly: a SIGKILL lands asynchronously. */
async function exited(pid: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  };
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive();
}

describe('a credential_process that never returns', () => {
  it('fails at the deadline, naming the profile, and is killed', async () => {
    const pidFile = join(dir, 'pid');
    const script = join(dir, 'hang.sh');
    writeFileSync(script, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`);
    chmodSync(script, 0o755);
    const configPath = join(dir, 'config');
    writeFileSync(configPath, `[profile hanging]\ncredential_process = ${script}\n`);
    const gateway = new StsGateway({
      region: 'us-east-1',
      source: { kind: 'profile', profile: 'hanging' },
      endpoint: sts.endpoint,
      sharedFiles: { credentialsPath: join(dir, 'credentials'), configPath },
      maxAttempts: 1,
      deadlineMs: 800,
    });
    try {
      const error = await gateway.assumeRole({ role: ROLE, sessionName: 's' }).catch((e) => e);
      expect(error).toMatchObject({ kind: 'retryable', code: 'SourceTimeout' });
      expect(error.message).toContain('profile "hanging"');
      // Switchyard's runner killed it: nothing keeps a one-shot CLI alive.
      expect(await exited(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
    } finally {
      gateway.destroy();
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});
