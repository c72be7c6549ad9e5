/**
 * The SSO token cache, both ways with botocore (the AWS CLI v2's engine):
 * botocore finds and uses a token Switchyard wrote, and Switchyard reads the
 * file botocore writes when it refreshes a token itself. Real files under a
 * temp HOME, the real botocore in a child process, and the repository's fake
 * OIDC service and portal on 127.0.0.1 (CreateToken, GetRoleCredentials),
 * reached through AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO as any SDK
 * reaches them. The peers record requests without their secrets; what a
 * client sent is read from what they accepted and what they issued.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Secret } from '../../../electron/core/secret';
import {
  lookupSsoToken,
  readSsoToken,
  ssoTokenCachePath,
  writeSsoToken,
} from '../../../electron/core/sso/token-cache';
import { readSsoSessions } from '../../../electron/core/sso/sso-config';
import { addSsoSession } from '../../../electron/core/sso/add-sso-session';
import { DEVICE_GRANT, FakeOidcServer } from '../../support/identity-center/fake-oidc-server';
import { FakePortalServer } from '../../support/identity-center/fake-portal-server';
import { TokenBook } from '../../support/identity-center/token-book';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { pythonCommand, requireTool } from '../../support/tools';

const moto = requireTool('moto');
const START_URL = 'https://d-1234567890.awsapps.com/start';
const ACCESS = 'aoa-switchyard-wrote-this';

const PROFILES = [
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = Admin',
  'region = eu-west-1',
  '',
].join('\n');

interface SignedIn {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly registrationExpiresAt: number;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** A device-flow sign-in at the fake OIDC service (it approves at once), as `sso login` makes. */
async function signIn(oidc: FakeOidcServer): Promise<SignedIn> {
  const call = async (path: string, body: object): Promise<Record<string, unknown>> => {
    const response = await fetch(`${oidc.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const client = await call('/client/register', { clientName: 'interop', clientType: 'public' });
  const clientId = client.clientId as string;
  const clientSecret = client.clientSecret as string;
  const device = await call('/device_authorization', {
    clientId,
    clientSecret,
    startUrl: START_URL,
  });
  const token = await call('/token', {
    clientId,
    clientSecret,
    grantType: DEVICE_GRANT,
    deviceCode: device.deviceCode,
  });
  return {
    clientId,
    clientSecret,
    registrationExpiresAt: (client.clientSecretExpiresAt as number) * 1000,
    accessToken: token.accessToken as string,
    refreshToken: token.refreshToken as string,
  };
}

async function python(script: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  // Not spawnSync: the fake services answer from this process's event loop.
  const run = await promisify(execFile)(pythonCommand(), ['-c', script], {
    env,
    timeout: 60_000,
  });
  return JSON.parse(run.stdout);
}

describe.skipIf(!moto.available)(`the token cache with botocore ${moto.skipReason}`, () => {
  let tokens: TokenBook;
  let oidc: FakeOidcServer;
  let portal: FakePortalServer;
  let aws: TempAwsHome;

  // Fresh services per test: what they issued and recorded is this test's alone.
  beforeEach(async () => {
    tokens = new TokenBook();
    oidc = await new FakeOidcServer({ tokens, startUrl: START_URL }).start();
    portal = await FakePortalServer.start({ tokens });
    portal.directory.addAccount('111122223333', 'Dev', ['Admin']);
    aws = createTempAwsHome({
      config: PROFILES,
      env: { AWS_ENDPOINT_URL_SSO_OIDC: oidc.url, AWS_ENDPOINT_URL_SSO: portal.url },
    });
    // The session as `switchyard sso login <url>` adds it.
    await addSsoSession(aws.configPath, { name: 'corp', startUrl: START_URL, region: 'eu-west-1' });
  });
  afterEach(async () => {
    aws.cleanup();
    await oidc.close();
    await portal.close();
  });

  it('botocore uses the token Switchyard wrote: same file, our expiresAt, credentials for the profile', async () => {
    const [session] = await readSsoSessions(aws.configPath);
    const expiresAt = Date.now() + 2 * 3_600_000;
    // The token as the OIDC service issued it at sign-in: the only one the portal accepts.
    tokens.issue({ accessToken: ACCESS, expiresAt, startUrl: START_URL });
    await writeSsoToken(
      'corp',
      {
        startUrl: session?.startUrl as string,
        region: 'eu-west-1',
        accessToken: new Secret(ACCESS),
        expiresAt,
        refreshToken: new Secret('aor-ours'),
        clientId: 'client-ours',
        clientSecret: new Secret('client-secret-ours'),
        registrationExpiresAt: expiresAt + 86_400_000,
      },
      aws.home,
    );
    const script = [
      'import json, os, botocore.session',
      'from botocore.tokens import SSOTokenProvider',
      'from botocore.utils import SSOTokenLoader, JSONFileCache',
      "s = botocore.session.Session(profile='dev')",
      "t = SSOTokenProvider(s, profile_name='dev').load_token().get_frozen_token()",
      "cache = JSONFileCache(os.path.expanduser('~/.aws/sso/cache'))",
      "key = SSOTokenLoader()._generate_cache_key('unused', 'corp')",
      'c = s.get_credentials().get_frozen_credentials()',
      'print(json.dumps({"token": t.token, "expiration": t.expiration.timestamp(),',
      '  "key": key, "cached": cache[key]["accessToken"], "accessKey": c.access_key}))',
    ].join('\n');
    const result = (await python(script, aws.env)) as Record<string, unknown>;
    expect(result.token).toBe(ACCESS);
    expect(result.expiration).toBe(Math.floor(expiresAt / 1000));
    expect(`${aws.home}/.aws/sso/cache/${String(result.key)}.json`).toBe(
      ssoTokenCachePath('corp', aws.home),
    );
    expect(result.cached).toBe(ACCESS);
    // GetRoleCredentials went to the portal, with our token as the bearer (the only
    // token it accepts), and nothing to the OIDC service.
    expect(portal.issued(result.accessKey as string)).toMatchObject({
      accountId: '111122223333',
      roleName: 'Admin',
    });
    expect(portal.requests.map((r) => [r.operation, r.bearerSent, r.status])).toEqual([
      ['GetRoleCredentials', true, 200],
    ]);
    expect(tokens.size).toBe(1);
    expect(oidc.requests).toEqual([]);
  });

  it('Switchyard reads the file botocore writes when it refreshes the token itself', async () => {
    const ours = await signIn(oidc);
    const { registrationExpiresAt } = ours;
    const signInRequests = oidc.requests.length;
    // Our token, 5 minutes from expiry: inside botocore's 15-minute refresh window.
    await writeSsoToken(
      'corp',
      {
        startUrl: START_URL,
        region: 'eu-west-1',
        accessToken: new Secret(ours.accessToken),
        expiresAt: Date.now() + 5 * 60_000,
        refreshToken: new Secret(ours.refreshToken),
        clientId: ours.clientId,
        clientSecret: new Secret(ours.clientSecret),
        registrationExpiresAt,
      },
      aws.home,
    );
    const script = [
      'import json, botocore.session',
      'from botocore.tokens import SSOTokenProvider',
      "s = botocore.session.Session(profile='dev')",
      "t = SSOTokenProvider(s, profile_name='dev').load_token().get_frozen_token()",
      'print(json.dumps({"token": t.token, "expiration": t.expiration.timestamp()}))',
    ].join('\n');
    const before = Date.now();
    const result = (await python(script, aws.env)) as Record<string, unknown>;
    const issued = oidc.tokenRecord();
    const REFRESHED = issued.access.at(-1);
    const NEW_REFRESH = issued.refresh[0];
    expect(issued.access).toEqual([ours.accessToken, REFRESHED]);
    expect(result.token).toBe(REFRESHED);
    // botocore called CreateToken with our refresh token and registration: the
    // service accepted it (it checks the client's id and secret, and that the
    // refresh token is that client's) and spent our refresh token.
    expect(oidc.requests.slice(signInRequests)).toEqual([
      expect.objectContaining({ operation: 'token', grantType: 'refresh_token', status: 200 }),
    ]);
    expect(issued.spentRefresh).toEqual([ours.refreshToken]);
    expect(issued.refresh).toEqual([NEW_REFRESH]);
    expect(portal.requests).toEqual([]);

    // The file is botocore's own serialisation now (_sso_json_dumps).
    const path = ssoTokenCachePath('corp', aws.home);
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(raw.accessToken).toBe(REFRESHED);
    expect(raw.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const lookup = await lookupSsoToken(
      { name: 'corp', startUrl: START_URL, region: 'eu-west-1' },
      aws.home,
    );
    expect(lookup.status).toBe('found');
    const read = await readSsoToken({ name: 'corp', startUrl: START_URL }, aws.home);
    expect(read?.accessToken.reveal()).toBe(REFRESHED);
    expect(read?.refreshToken?.reveal()).toBe(NEW_REFRESH);
    expect(read?.clientId).toBe(ours.clientId);
    expect(read?.clientSecret?.reveal()).toBe(ours.clientSecret);
    expect(read?.registrationExpiresAt).toBe(registrationExpiresAt);
    // botocore's file keeps whole seconds (%S), as ours does.
    expect(read?.expiresAt).toBe(Math.floor(result.expiration as number) * 1000);
    expect(read?.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_599_000);
  });

  it('the JS SDK reads the token Switchyard wrote, and Switchyard reads the file the JS SDK rewrites', async () => {
    const ours = await signIn(oidc);
    await writeSsoToken(
      'corp',
      {
        startUrl: START_URL,
        region: 'eu-west-1',
        accessToken: new Secret(ours.accessToken),
        // Inside the JS SDK's 5-minute window: it refreshes and rewrites the file.
        expiresAt: Date.now() + 60_000,
        refreshToken: new Secret(ours.refreshToken),
        clientId: ours.clientId,
        clientSecret: new Secret(ours.clientSecret),
        registrationExpiresAt: ours.registrationExpiresAt,
      },
      aws.home,
    );
    const saved = { ...process.env };
    Object.assign(process.env, aws.env);
    try {
      const { fromSso } = await import('@aws-sdk/token-providers');
      const token = await fromSso({ profile: 'dev', ignoreCache: true })();
      expect(token.token).toBe(oidc.tokenRecord().access.at(-1));
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    const issued = oidc.tokenRecord();
    const REFRESHED = issued.access.at(-1);
    const NEW_REFRESH = issued.refresh[0];
    expect(issued.access).toEqual([ours.accessToken, REFRESHED]);
    expect(issued.spentRefresh).toEqual([ours.refreshToken]);
    // The JS SDK keeps every field and writes expiresAt with toISOString().
    const raw = JSON.parse(readFileSync(ssoTokenCachePath('corp', aws.home), 'utf8'));
    expect(raw.expiresAt).toMatch(/\.\d{3}Z$/);
    const read = await readSsoToken({ name: 'corp', startUrl: START_URL }, aws.home);
    expect(read?.accessToken.reveal()).toBe(REFRESHED);
    expect(read?.refreshToken?.reveal()).toBe(NEW_REFRESH);
    expect(read?.expiresAt).toBe(Date.parse(raw.expiresAt));
  });
});
