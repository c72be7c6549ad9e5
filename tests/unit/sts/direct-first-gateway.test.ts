import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn } from '../../../shared/role-arn';
import { Secret } from '../../../electron/core/secret';
import { DirectFirstGateway } from '../../../electron/core/sts/direct-first-gateway';
import type { StsGatewayOptions } from '../../../electron/core/sts/sts-gateway';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';

const ROLE = parseRoleArn('arn:aws:iam::210987654321:role/deploy');
let sts: FaultStsServer;
let dir: string;
let user: { accessKeyId: string; secretAccessKey: string };
let sharedFiles: { credentialsPath: string; configPath: string };

beforeAll(async () => {
  sts = await startFaultStsServer();
  user = sts.createUser('arn:aws:iam::123456789012:user/dev');
  dir = await mkdtemp(join(tmpdir(), 'switchyard-direct-'));
  sharedFiles = { credentialsPath: join(dir, 'credentials'), configPath: join(dir, 'config') };
  await writeFile(
    sharedFiles.credentialsPath,
    `[plain]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
  );
  await writeFile(sharedFiles.configPath, '');
});
afterAll(async () => {
  await sts.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => sts.reset());

function gateway(source: StsGatewayOptions['source']) {
  return new DirectFirstGateway(
    { region: 'us-east-1', source, endpoint: sts.endpoint, sharedFiles, maxAttempts: 1 },
    {},
  );
}

const agents = () => sts.requests.map((r) => `${r.action} ${r.userAgent?.split('/')[0]}`);

describe('DirectFirstGateway', () => {
  it('signs AssumeRole itself from keys and from a profile of plain keys', async () => {
    const keys = gateway({
      kind: 'keys',
      accessKeyId: new Secret(user.accessKeyId),
      secretAccessKey: new Secret(user.secretAccessKey),
    });
    const fromKeys = await keys.assumeRole({ role: ROLE, sessionName: 'k1' });
    const fromProfile = await gateway({ kind: 'profile', profile: 'plain' }).assumeRole({
      role: ROLE,
      sessionName: 'p1',
    });
    expect([fromKeys.chained, fromProfile.chained]).toEqual([false, false]);
    expect(agents()).toEqual(['AssumeRole switchyard', 'AssumeRole switchyard']);
  });

  it('leaves GetSessionToken to the SDK (role profiles go there too: assume-sts.test.ts)', async () => {
    const keys = gateway({
      kind: 'keys',
      accessKeyId: new Secret(user.accessKeyId),
      secretAccessKey: new Secret(user.secretAccessKey),
    });
    await keys.getSessionToken({});
    await keys.assumeRole({ role: ROLE, sessionName: 'k2' });
    keys.destroy();
    expect(agents()).toEqual(['GetSessionToken aws-sdk-js', 'AssumeRole switchyard']);
  });

  it('keeps its connection alive between calls and closes it on destroy', async () => {
    // A server of its own, so no other test's connections are counted.
    const own = await startFaultStsServer();
    try {
      own.addUser(user.accessKeyId, user.secretAccessKey, 'arn:aws:iam::123456789012:user/dev');
      const keys = new DirectFirstGateway(
        {
          region: 'us-east-1',
          source: { kind: 'profile', profile: 'plain' },
          endpoint: own.endpoint,
          sharedFiles,
          maxAttempts: 1,
        },
        {},
      );
      await keys.assumeRole({ role: ROLE, sessionName: 'c1' });
      await keys.assumeRole({ role: ROLE, sessionName: 'c2' });
      expect(own.count('AssumeRole')).toBe(2);
      expect(own.openConnections).toBe(1);
      keys.destroy();
      await expect.poll(() => own.openConnections, { timeout: 2000 }).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('keeps the one-attempt rule the refresher relies on', async () => {
    sts.inject({ kind: 'throttle' });
    const error = await gateway({ kind: 'profile', profile: 'plain' })
      .assumeRole({ role: ROLE, sessionName: 'p2' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'retryable', code: 'Throttling' });
    expect(sts.count('AssumeRole')).toBe(1);
  });
});
