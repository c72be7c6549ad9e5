/**
 * The SSO token cache, both ways with botocore (the AWS CLI v2's engine):
 * botocore finds and uses a token Switchyard wrote, and Switchyard reads the
 * file botocore writes when it refreshes a token itself. Real files under a
 * temp HOME, the real botocore in a child process, and two small stand-ins on
 * 127.0.0.1 for the two AWS calls botocore makes here (CreateToken on the OIDC
 * service, GetRoleCredentials on the portal), reached through
 * AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO as any SDK reaches them.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Secret } from '../../../electron/core/secret';
import {
  lookupSsoToken,
  readSsoToken,
  ssoTokenCachePath,
  writeSsoToken,
} from '../../../electron/core/sso/token-cache';
import { readSsoSessions } from '../../../electron/core/sso/sso-config';
import { addSsoSession } from '../../../electron/core/sso/add-sso-session';
import { readBody } from '../../support/read-body';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { pythonCommand, requireTool } from '../../support/tools';

const moto = requireTool('moto');
const START_URL = 'https://d-1234567890.awsapps.com/start';
const ACCESS = 'aoa-switchyard-wrote-this';
const REFRESHED = 'aoa-botocore-refreshed-this';
const NEW_REFRESH = 'aor-botocore-new-refresh';

const PROFILES = [
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = Admin',
  'region = eu-west-1',
  '',
].join('\n');

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly bearer?: string;
  readonly body: string;
}

/** CreateToken and GetRoleCredentials, as the services answer them. */
async function answer(req: IncomingMessage, res: ServerResponse, seen: Seen[]): Promise<void> {
  const body = await readBody(req, 64 * 1024);
  const bearer = req.headers['x-amz-sso_bearer_token'];
  seen.push({
    method: req.method ?? '',
    url: req.url ?? '',
    body,
    ...(typeof bearer === 'string' ? { bearer } : {}),
  });
  res.setHeader('content-type', 'application/json');
  if (req.method === 'POST' && req.url === '/token') {
    res.end(
      JSON.stringify({
        accessToken: REFRESHED,
        tokenType: 'Bearer',
        expiresIn: 3600,
        refreshToken: NEW_REFRESH,
      }),
    );
    return;
  }
  if (req.method === 'GET' && req.url?.startsWith('/federation/credentials')) {
    if (bearer !== ACCESS) {
      res.statusCode = 401;
      res.setHeader('x-amzn-ErrorType', 'UnauthorizedException');
      res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
      return;
    }
    res.end(
      JSON.stringify({
        roleCredentials: {
          accessKeyId: 'ASIAINTEROPTEST00001',
          secretAccessKey: 'interop-secret',
          sessionToken: 'interop-session',
          expiration: Date.now() + 3_600_000,
        },
      }),
    );
    return;
  }
  res.statusCode = 404;
  res.end('{}');
}

async function python(script: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  // Not spawnSync: the stand-in answers from this process's event loop.
  const run = await promisify(execFile)(pythonCommand(), ['-c', script], {
    env,
    timeout: 60_000,
  });
  return JSON.parse(run.stdout);
}

describe.skipIf(!moto.available)(`the token cache with botocore ${moto.skipReason}`, () => {
  let server: Server;
  let endpoint: string;
  const seen: Seen[] = [];
  let aws: TempAwsHome;

  beforeAll(async () => {
    server = createServer((req, res) => void answer(req, res, seen));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(async () => {
    seen.length = 0;
    aws = createTempAwsHome({
      config: PROFILES,
      env: { AWS_ENDPOINT_URL_SSO_OIDC: endpoint, AWS_ENDPOINT_URL_SSO: endpoint },
    });
    // The session as `switchyard sso login <url>` adds it.
    await addSsoSession(aws.configPath, { name: 'corp', startUrl: START_URL, region: 'eu-west-1' });
  });
  afterEach(() => aws.cleanup());

  it('botocore uses the token Switchyard wrote: same file, our expiresAt, credentials for the profile', async () => {
    const [session] = await readSsoSessions(aws.configPath);
    const expiresAt = Date.now() + 2 * 3_600_000;
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
    // GetRoleCredentials went to the stand-in, with our token as the bearer.
    expect(result.accessKey).toBe('ASIAINTEROPTEST00001');
    expect(seen.map((s) => [s.method, s.url.split('?')[0], s.bearer])).toEqual([
      ['GET', '/federation/credentials', ACCESS],
    ]);
  });

  it('Switchyard reads the file botocore writes when it refreshes the token itself', async () => {
    // Our token, 5 minutes from expiry: inside botocore's 15-minute refresh window.
    const registrationExpiresAt = Date.UTC(2031, 0, 1);
    await writeSsoToken(
      'corp',
      {
        startUrl: START_URL,
        region: 'eu-west-1',
        accessToken: new Secret(ACCESS),
        expiresAt: Date.now() + 5 * 60_000,
        refreshToken: new Secret('aor-old'),
        clientId: 'client-1',
        clientSecret: new Secret('client-secret-1'),
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
    expect(result.token).toBe(REFRESHED);
    // botocore called CreateToken with our refresh token and registration.
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]?.body ?? '{}')).toMatchObject({
      grantType: 'refresh_token',
      refreshToken: 'aor-old',
      clientId: 'client-1',
      clientSecret: 'client-secret-1',
    });

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
    expect(read?.clientId).toBe('client-1');
    expect(read?.clientSecret?.reveal()).toBe('client-secret-1');
    expect(read?.registrationExpiresAt).toBe(registrationExpiresAt);
    // botocore's file keeps whole seconds (%S), as ours does.
    expect(read?.expiresAt).toBe(Math.floor(result.expiration as number) * 1000);
    expect(read?.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_599_000);
  });

  it('the JS SDK reads the token Switchyard wrote, and Switchyard reads the file the JS SDK rewrites', async () => {
    await writeSsoToken(
      'corp',
      {
        startUrl: START_URL,
        region: 'eu-west-1',
        accessToken: new Secret(ACCESS),
        // Inside the JS SDK's 5-minute window: it refreshes and rewrites the file.
        expiresAt: Date.now() + 60_000,
        refreshToken: new Secret('aor-old'),
        clientId: 'client-1',
        clientSecret: new Secret('client-secret-1'),
        registrationExpiresAt: Date.UTC(2031, 0, 1),
      },
      aws.home,
    );
    const saved = { ...process.env };
    Object.assign(process.env, aws.env);
    try {
      const { fromSso } = await import('@aws-sdk/token-providers');
      const token = await fromSso({ profile: 'dev', ignoreCache: true })();
      expect(token.token).toBe(REFRESHED);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    // The JS SDK keeps every field and writes expiresAt with toISOString().
    const raw = JSON.parse(readFileSync(ssoTokenCachePath('corp', aws.home), 'utf8'));
    expect(raw.expiresAt).toMatch(/\.\d{3}Z$/);
    const read = await readSsoToken({ name: 'corp', startUrl: START_URL }, aws.home);
    expect(read?.accessToken.reveal()).toBe(REFRESHED);
    expect(read?.refreshToken?.reveal()).toBe(NEW_REFRESH);
    expect(read?.expiresAt).toBe(Date.parse(raw.expiresAt));
  });
});
