/**
 * The OIDC client registration is cached until it expires: a second sign-in
 * registers no new client, an expired one is replaced, and a cached client the
 * service no longer knows is replaced once without failing the sign-in.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ssoCacheDir } from '../../../electron/core/sso/cache-folder';
import { signInToSession, type SignInFlow } from '../../../electron/core/sso/sso-sign-in';
import { FakeOidcServer } from '../../support/identity-center/fake-oidc-server';
import { TokenBook } from '../../support/identity-center/token-book';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const START_URL = 'https://d-9067a1b2c3.awsapps.com/start';
const SESSION = {
  name: 'corp',
  startUrl: START_URL,
  region: 'eu-west-1',
  scopes: ['sso:account:access'],
};

let oidc: FakeOidcServer;
let home: TempAwsHome;
const saved = process.env.AWS_ENDPOINT_URL_SSO_OIDC;

beforeAll(async () => {
  oidc = new FakeOidcServer({ tokens: new TokenBook(), startUrl: START_URL, interval: 1 });
  await oidc.start();
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = oidc.url;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
  else process.env.AWS_ENDPOINT_URL_SSO_OIDC = saved;
  await oidc.close();
});
beforeEach(() => {
  home = createTempAwsHome();
  oidc.requests.length = 0;
});
afterEach(() => home.cleanup());

function signIn(flow: SignInFlow = 'device') {
  return signInToSession({
    session: SESSION,
    flow,
    onDevicePrompt: () => undefined,
    signal: new AbortController().signal,
    homeDir: home.home,
  });
}

const registrations = () => oidc.requests.filter((r) => r.operation === 'register').length;

/** The cache files that are not the session's token: the registration. */
function registrationFiles(): string[] {
  const dir = ssoCacheDir(home.home);
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => !readFileSync(path, 'utf8').includes('accessToken'));
}

describe('the OIDC client registration cache', () => {
  it('registers once and reuses the client for the next sign-in, in a 0600 file of its own', async () => {
    await signIn();
    await signIn();
    expect(registrations()).toBe(1);
    const [file, ...more] = registrationFiles();
    expect(more).toEqual([]);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file!, 'utf8'))).toMatchObject({ flow: 'device' });
  });

  it('replaces a cached client the service refuses, once, and the sign-in still succeeds', async () => {
    await signIn();
    const [file] = registrationFiles();
    const cached = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;
    writeFileSync(file!, JSON.stringify({ ...cached, clientId: 'forgotten-client' }));
    await signIn();
    expect(registrations()).toBe(2);
    expect(JSON.parse(readFileSync(file!, 'utf8')).clientId).not.toBe('forgotten-client');
  });

  it('registers anew once the cached client has expired', async () => {
    await signIn();
    const [file] = registrationFiles();
    const cached = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;
    writeFileSync(file!, JSON.stringify({ ...cached, expiresAt: '2020-01-01T00:00:00Z' }));
    await signIn();
    expect(registrations()).toBe(2);
  });
});
