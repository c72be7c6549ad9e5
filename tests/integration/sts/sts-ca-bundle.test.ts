/**
 * One meaning of the CA bundle and the endpoint settings for every path: a real
 * TLS STS stand-in with a self-signed certificate, reached through
 * AWS_ENDPOINT_URL_STS, is trusted exactly when AWS_CA_BUNDLE names that
 * certificate, by `switchyard assume` (a separate process on bin/switchyard)
 * and by the engine's gateway on both its paths (in-process signer, SDK).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn } from '../../../shared/role-arn';
import { Secret } from '../../../electron/core/secret';
import { DirectFirstGateway } from '../../../electron/core/sts/direct-first-gateway';
import { planStsCall } from '../../../electron/core/sts/direct-plan';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli } from '../../support/run-cli';
import { makeTestCerts, type TestCerts } from '../../support/self-signed-cert';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const ROLE = parseRoleArn('arn:aws:iam::210987654321:role/deploy');
let certs: TestCerts;
let sts: FaultStsServer;
let home: TempAwsHome;
let user: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  certs = makeTestCerts();
  sts = await startFaultStsServer({ tls: { key: certs.server.key, cert: certs.server.cert } });
  user = sts.createUser('arn:aws:iam::123456789012:user/dev');
  home = createTempAwsHome({
    credentials: `[default]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    config: '[default]\nregion = us-east-1\n',
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
});
afterAll(async () => {
  await sts.close();
  home.cleanup();
  certs.cleanup();
});

function engineGateway(env: NodeJS.ProcessEnv) {
  return new DirectFirstGateway(
    {
      region: 'us-east-1',
      source: {
        kind: 'keys',
        accessKeyId: new Secret(user.accessKeyId),
        secretAccessKey: new Secret(user.secretAccessKey),
      },
      endpoint: sts.endpoint,
      sharedFiles: { credentialsPath: home.credentialsPath, configPath: home.configPath },
      maxAttempts: 1,
    },
    env,
  );
}

const lastAgent = () => sts.requests.at(-1)?.userAgent?.split('/')[0];

describe('AWS_CA_BUNDLE on every path', () => {
  it('switchyard assume trusts the bundle, and fails in one clear line with a wrong one', async () => {
    const ok = await runCli(['assume', ROLE.arn, 'tls-ok'], {
      env: { ...home.env, AWS_CA_BUNDLE: certs.server.certPath },
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(home.readCredentials()).toMatch(/\[tls-ok\][^[]*aws_session_token/);
    expect(lastAgent()).toBe('switchyard');

    const bad = await runCli(['assume', ROLE.arn, 'tls-bad'], {
      env: { ...home.env, AWS_CA_BUNDLE: certs.other.certPath },
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/TLS certificate is not trusted .*AWS_CA_BUNDLE/);
    expect(home.readCredentials()).not.toContain('[tls-bad]');
  });

  it('switchyard assume says which setting names a missing bundle', async () => {
    const run = await runCli(['assume', ROLE.arn, 'tls-missing'], {
      env: { ...home.env, AWS_CA_BUNDLE: `${certs.server.certPath}.gone` },
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/AWS_CA_BUNDLE \(.*\.gone\): cannot read the file \(ENOENT\)/);
  });

  it('the engine signs with it in process, and its SDK path (GetSessionToken) uses it too', async () => {
    const gateway = engineGateway({ AWS_CA_BUNDLE: certs.server.certPath });
    try {
      await gateway.assumeRole({ role: ROLE, sessionName: 'engine' });
      expect(lastAgent()).toBe('switchyard');
      await gateway.getSessionToken({ durationSeconds: 900 });
      expect(lastAgent()).toBe('aws-sdk-js');
    } finally {
      gateway.destroy();
    }
  });

  it('the engine fails as needs-user with a bundle that does not vouch for STS', async () => {
    const gateway = engineGateway({ AWS_CA_BUNDLE: certs.other.certPath });
    try {
      await expect(gateway.assumeRole({ role: ROLE, sessionName: 'bad' })).rejects.toMatchObject({
        kind: 'needs-user',
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });
      await expect(gateway.getSessionToken({})).rejects.toMatchObject({ kind: 'needs-user' });
    } finally {
      gateway.destroy();
    }
  });

  it('reads ca_bundle from the config file as botocore does, AWS_CA_BUNDLE first', async () => {
    const files = { credentialsPath: home.credentialsPath, configPath: home.configPath };
    const base = { region: 'us-east-1', partition: 'aws' as const, ...files };
    const original = home.readConfig();
    try {
      writeFileSync(home.configPath, `[default]\nca_bundle = ${certs.other.certPath}\n`);
      const plan = await planStsCall({ ...base, env: {} });
      expect(plan.ca?.origin).toBe(`ca_bundle of profile "default" (${certs.other.certPath})`);
      const env = { AWS_CA_BUNDLE: certs.server.certPath };
      expect((await planStsCall({ ...base, env })).ca?.origin).toMatch(/^AWS_CA_BUNDLE/);
    } finally {
      writeFileSync(home.configPath, original);
    }
  });
});

describe('a plain-http endpoint', () => {
  it('leaves the bundle unread: there is no certificate to check', async () => {
    const base = {
      region: 'us-east-1',
      partition: 'aws' as const,
      credentialsPath: home.credentialsPath,
      configPath: home.configPath,
    };
    const missing = `${certs.server.certPath}.gone`;
    const plan = await planStsCall({
      ...base,
      env: { AWS_CA_BUNDLE: missing, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' },
    });
    expect(plan.direct?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:9/);
    expect(plan.ca).toBeUndefined();
    // An https endpoint still reads it, and names the setting when it cannot.
    await expect(planStsCall({ ...base, env: { AWS_CA_BUNDLE: missing } })).rejects.toThrow(
      /AWS_CA_BUNDLE \(.*\.gone\): cannot read the file/,
    );
  });
});

describe('settings the direct path cannot honour go to the SDK, for given keys too', () => {
  const keys = {
    accessKeyId: new Secret('AKIAIOSFODNN7EXAMPLE'),
    secretAccessKey: new Secret('secret'),
  };
  it.each([
    [{ AWS_USE_FIPS_ENDPOINT: 'true' }, ''],
    [{ AWS_USE_DUALSTACK_ENDPOINT: 'true' }, ''],
    [{}, '[default]\nuse_fips_endpoint = true\n'],
    [{}, '[default]\nuse_dualstack_endpoint = true\n'],
    [{ AWS_PROFILE: 'corp' }, '[profile corp]\nuse_fips_endpoint = true\n'],
  ])('%j with config %j', async (env, config) => {
    const original = home.readConfig();
    try {
      writeFileSync(home.configPath, config);
      const plan = await planStsCall({
        env,
        region: 'us-east-1',
        partition: 'aws',
        credentialsPath: home.credentialsPath,
        configPath: home.configPath,
        keys,
      });
      expect(plan.direct).toBeUndefined();
      expect(plan.sdkReason).toMatch(/FIPS|DUALSTACK|fips|dualstack/);
    } finally {
      writeFileSync(home.configPath, original);
    }
  });
});
