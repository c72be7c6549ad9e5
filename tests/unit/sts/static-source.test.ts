import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../../../electron/core/sts/sdk-shared-config';
import { staticSource } from '../../../electron/core/sts/static-source';
import { settingsProfile, stsRoute } from '../../../electron/core/sts/sts-route';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function files(credentials: string, config = '') {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-source-'));
  dirs.push(dir);
  const credentialsPath = join(dir, 'credentials');
  const configPath = join(dir, 'config');
  await writeFile(credentialsPath, credentials);
  await writeFile(configPath, config);
  return { credentialsPath, configPath };
}

async function resolve(
  credentials: string,
  options: { config?: string; sourceProfile?: string; env?: NodeJS.ProcessEnv } = {},
) {
  // What `assume` and the engine do (direct-plan.ts): the route, then the keys.
  const env = options.env ?? {};
  const loaded = await loadSharedConfig(await files(credentials, options.config));
  const profiles = [
    settingsProfile(env),
    ...(options.sourceProfile ? [options.sourceProfile] : []),
  ];
  const route = stsRoute({ env, region: 'us-east-1', partition: 'aws', files: loaded, profiles });
  const source =
    route.via === 'direct'
      ? staticSource({ sourceProfile: options.sourceProfile, env, files: loaded })
      : undefined;
  return (
    source && {
      origin: source.origin,
      accessKeyId: source.keys.accessKeyId.reveal(),
      secretAccessKey: source.keys.secretAccessKey.reveal(),
      sessionToken: source.keys.sessionToken?.reveal(),
    }
  );
}

const KEYS = `[src]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;

describe('resolveStaticSource', () => {
  it('takes plain keys from the named profile', async () => {
    expect(await resolve(KEYS, { sourceProfile: 'src' })).toEqual({
      origin: 'profile "src"',
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      sessionToken: undefined,
    });
  });

  it('keeps a session token (a chained source)', async () => {
    const source = await resolve(`${KEYS}aws_session_token = IQoJtoken/abc+def=\n`, {
      sourceProfile: 'src',
    });
    expect(source?.sessionToken).toBe('IQoJtoken/abc+def=');
  });

  it('reads the file as the SDK does: inline comments go, keys are case-sensitive', async () => {
    const inline = `[src]\naws_access_key_id = ${KEY} # laptop key\naws_secret_access_key = ${SECRET}\n`;
    expect((await resolve(inline, { sourceProfile: 'src' }))?.accessKeyId).toBe(KEY);
    // The SDK does not see upper-case keys, so it would not sign with them: neither do we.
    const upper = `[src]\nAWS_ACCESS_KEY_ID = ${KEY}\naws_secret_access_key = ${SECRET}\n`;
    expect(await resolve(upper, { sourceProfile: 'src' })).toBeUndefined();
  });

  it('merges credentials-file keys over config-file keys', async () => {
    const source = await resolve(`[src]\naws_secret_access_key = ${SECRET}\n`, {
      sourceProfile: 'src',
      config: `[profile src]\naws_access_key_id = ${KEY}\naws_secret_access_key = other\n`,
    });
    expect(source).toMatchObject({ accessKeyId: KEY, secretAccessKey: SECRET });
  });

  it('uses environment keys only when no profile is named', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVENVENVENVENV1', AWS_SECRET_ACCESS_KEY: 'envsecret' };
    const defaults = `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;
    expect(await resolve(defaults, { env })).toMatchObject({
      origin: 'environment',
      accessKeyId: 'AKIAENVENVENVENVENV1',
    });
    expect(await resolve(defaults, { env: { ...env, AWS_PROFILE: 'default' } })).toMatchObject({
      origin: 'profile "default"',
      accessKeyId: KEY,
    });
    expect(await resolve(`${defaults}${KEYS}`, { env, sourceProfile: 'src' })).toMatchObject({
      accessKeyId: KEY,
    });
    // Half a pair in the environment: the SDK moves on to the default profile.
    expect(
      await resolve(defaults, { env: { AWS_ACCESS_KEY_ID: 'AKIAENVENVENVENVENV1' } }),
    ).toMatchObject({ origin: 'profile "default"' });
  });

  it.each([
    ['a role_arn on the profile', `${KEYS}role_arn = arn:aws:iam::1:role/x\n`, ''],
    ['an SSO profile without keys', '', '[profile src]\nsso_session = corp\nsso_account_id = 1\n'],
    ['credential_process', '', '[profile src]\ncredential_process = /bin/get-creds\n'],
    ['a missing profile', '[other]\naws_access_key_id = A\naws_secret_access_key = B\n', ''],
    ['an endpoint_url on the profile', KEYS, '[profile src]\nendpoint_url = https://proxy\n'],
    ['a services section', KEYS, '[profile src]\nservices = corp\n'],
    ['FIPS on the profile', KEYS, '[profile src]\nuse_fips_endpoint = true\n'],
    [
      'a secret with a space',
      `[src]\naws_access_key_id = ${KEY}\naws_secret_access_key = a b\n`,
      '',
    ],
  ])('leaves %s to the SDK', async (_label, credentials, config) => {
    expect(await resolve(credentials, { config, sourceProfile: 'src' })).toBeUndefined();
  });

  it("leaves endpoint settings on AWS_PROFILE's profile (the client's settings) to the SDK", async () => {
    const config = '[profile settings]\nsts_regional_endpoints = legacy\n';
    expect(
      await resolve(KEYS, { config, sourceProfile: 'src', env: { AWS_PROFILE: 'settings' } }),
    ).toBeUndefined();
    expect(await resolve(KEYS, { config, sourceProfile: 'src' })).toBeDefined();
  });

  it.each(['AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_STS_REGIONAL_ENDPOINTS'])(
    'leaves %s to the SDK',
    async (name) => {
      expect(
        await resolve(KEYS, { sourceProfile: 'src', env: { [name]: 'false' } }),
      ).toBeUndefined();
    },
  );

  it('signs itself under a CA bundle (both paths honour it: ca-bundle.ts)', async () => {
    const env = { AWS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt' };
    expect(await resolve(KEYS, { sourceProfile: 'src', env })).toBeDefined();
    const config = '[profile src]\nca_bundle = /etc/ssl/certs/ca-certificates.crt\n';
    expect(await resolve(KEYS, { sourceProfile: 'src', config })).toBeDefined();
  });

  it('never puts a key in its text form', async () => {
    const source = staticSource({
      files: await loadSharedConfig(await files(KEYS)),
      sourceProfile: 'src',
      env: {},
    });
    expect(JSON.stringify(source)).not.toContain(SECRET);
    expect(String(source?.keys.secretAccessKey)).toBe('[redacted]');
  });
});
