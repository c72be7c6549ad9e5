import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRoleAssumer } from '../../../electron/core/sts/open-role-assumer';
import { StsGateway } from '../../../electron/core/sts/sts-gateway';
import { StsQueryClient } from '../../../electron/core/sts/sts-query-client';

let dir: string;
let paths: { credentialsPath: string; configPath: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-assumer-'));
  paths = { credentialsPath: join(dir, 'credentials'), configPath: join(dir, 'config') };
  await writeFile(
    paths.credentialsPath,
    '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIK7MDENG\n',
  );
  await writeFile(
    paths.configPath,
    '[profile hop]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = keys\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(sourceProfile: string, env: NodeJS.ProcessEnv = {}) {
  const assumer = await openRoleAssumer({
    region: 'eu-west-1',
    partition: 'aws',
    sourceProfile,
    env,
    ...paths,
  });
  assumer.destroy();
  return assumer;
}

describe('openRoleAssumer', () => {
  it('signs plain keys itself', async () => {
    expect(await open('keys')).toBeInstanceOf(StsQueryClient);
    expect(await open('keys', { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1' })).toBeInstanceOf(
      StsQueryClient,
    );
  });

  it('hands other sources, and endpoints that are not http(s) URLs, to the SDK', async () => {
    expect(await open('hop')).toBeInstanceOf(StsGateway);
    expect(await open('keys', { AWS_ENDPOINT_URL_STS: 'ftp://sts.internal' })).toBeInstanceOf(
      StsGateway,
    );
    expect(await open('keys', { AWS_ENDPOINT_URL: 'not a url' })).toBeInstanceOf(StsGateway);
  });
});
