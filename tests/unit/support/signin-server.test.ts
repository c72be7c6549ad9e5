import { AssumeRoleCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { startSigninServer, type SigninServer } from '../../support/signin-server';

const SESSION = {
  sessionId: 'ASIAEXAMPLESESSION01',
  sessionKey: 'secret-key-value-that-must-not-be-logged',
  sessionToken: 'session-token-value-that-must-not-be-logged',
};

const get = (url: string) => fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });

function tokenUrl(base: string, session: unknown, duration?: number): string {
  const params = new URLSearchParams({ Action: 'getSigninToken' });
  if (duration !== undefined) params.set('SessionDuration', String(duration));
  params.set('Session', typeof session === 'string' ? session : JSON.stringify(session));
  return `${base}?${params}`;
}

function loginUrl(base: string, token: string, destination: string): string {
  const params = new URLSearchParams({
    Action: 'login',
    Issuer: 'switchyard',
    Destination: destination,
    SigninToken: token,
  });
  return `${base}?${params}`;
}

describe('signin server (federation stand-in)', () => {
  let signin: SigninServer;

  beforeAll(async () => {
    signin = await startSigninServer();
  });
  afterAll(async () => {
    await signin.close();
  });

  it('round trip: getSigninToken then login redirects to the destination', async () => {
    expect(signin.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/federation$/);
    const res = await get(tokenUrl(signin.baseUrl, SESSION, 3600));
    expect(res.status).toBe(200);
    const { SigninToken } = (await res.json()) as { SigninToken: string };
    expect(SigninToken.length).toBeGreaterThan(50);

    const login = await get(loginUrl(signin.baseUrl, SigninToken, signin.consoleUrl));
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe(signin.consoleUrl);
    const page = await get(signin.consoleUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Signed in');
  });

  it('accepts POST with a form body', async () => {
    const res = await fetch(signin.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'getSigninToken', Session: JSON.stringify(SESSION) }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('SigninToken');
    expect(signin.requests.at(-1)).toMatchObject({
      method: 'POST',
      action: 'getSigninToken',
      sessionDurationSent: false,
      sessionFields: ['sessionId', 'sessionKey', 'sessionToken'],
    });
  });

  it('400 for a missing or invalid Session, an out-of-range duration, an unknown token', async () => {
    expect((await get(`${signin.baseUrl}?Action=getSigninToken`)).status).toBe(400);
    expect((await get(tokenUrl(signin.baseUrl, '{not json'))).status).toBe(400);
    expect((await get(tokenUrl(signin.baseUrl, { sessionId: 'x' }))).status).toBe(400);
    expect((await get(tokenUrl(signin.baseUrl, SESSION, 60))).status).toBe(400);
    expect((await get(loginUrl(signin.baseUrl, 'forged', signin.consoleUrl))).status).toBe(400);
    expect(signin.requests.at(-1)).toMatchObject({
      action: 'login',
      tokenValid: false,
      status: 400,
    });
    expect((await get(`${signin.baseUrl}?Action=nope`)).status).toBe(400);
  });

  it('rejectSessionDuration: 400 when SessionDuration is sent, fine without it', async () => {
    signin.setRejectSessionDuration(true);
    try {
      expect((await get(tokenUrl(signin.baseUrl, SESSION, 3600))).status).toBe(400);
      expect((await get(tokenUrl(signin.baseUrl, SESSION))).status).toBe(200);
    } finally {
      signin.setRejectSessionDuration(false);
    }
  });

  it('logout redirects to redirect_uri', async () => {
    const target = loginUrl(signin.baseUrl, 'x', signin.consoleUrl);
    const res = await get(
      `${signin.logoutUrl}?Action=logout&redirect_uri=${encodeURIComponent(target)}`,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(target);
  });

  it('records which params were present, never secret values', () => {
    const first = signin.requests[0]!;
    expect(first).toMatchObject({
      method: 'GET',
      path: '/federation',
      action: 'getSigninToken',
      params: ['Action', 'SessionDuration', 'Session'],
      sessionDurationSent: true,
      sessionDuration: 3600,
      status: 200,
    });
    const log = JSON.stringify(signin.requests);
    expect(log).not.toContain(SESSION.sessionKey);
    expect(log).not.toContain(SESSION.sessionToken);
    expect(log).not.toContain(SESSION.sessionId);
    expect(log).not.toMatch(/"SigninToken":"/);
  });
});

describe('signin server checking credentials against the STS stand-in', () => {
  let sts: FaultStsServer;
  let signin: SigninServer;
  const ROLE = 'arn:aws:iam::222222222222:role/Admin';

  beforeAll(async () => {
    sts = await startFaultStsServer();
    signin = await startSigninServer({ sts });
  });
  afterAll(async () => {
    await signin.close();
    await sts.close();
  });

  async function assume(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) {
    const out = await new STSClient({
      region: 'us-east-1',
      endpoint: sts.endpoint,
      credentials,
      maxAttempts: 1,
    }).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'web' }));
    return out.Credentials!;
  }
  const session = (c: Credentials) => ({
    sessionId: c.AccessKeyId,
    sessionKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  });

  it('accepts issued credentials, refuses others, and refuses SessionDuration for chained ones', async () => {
    const direct = await assume({ accessKeyId: 'AKIAEXAMPLEUSER00001', secretAccessKey: 's' });
    expect((await get(tokenUrl(signin.baseUrl, session(direct), 3600))).status).toBe(200);
    expect((await get(tokenUrl(signin.baseUrl, SESSION))).status).toBe(400);
    expect(
      (await get(tokenUrl(signin.baseUrl, { ...session(direct), sessionKey: 'wrong' }))).status,
    ).toBe(400);

    const chained = await assume({
      accessKeyId: direct.AccessKeyId!,
      secretAccessKey: direct.SecretAccessKey!,
      sessionToken: direct.SessionToken!,
    });
    expect((await get(tokenUrl(signin.baseUrl, session(chained), 3600))).status).toBe(400);
    expect(signin.requests.at(-1)!.error).toMatch(/role-chained/);
    expect((await get(tokenUrl(signin.baseUrl, session(chained)))).status).toBe(200);
  });
});
