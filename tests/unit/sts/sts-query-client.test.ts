import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn } from '../../../shared/role-arn';
import { Secret } from '../../../electron/core/secret';
import { StsError } from '../../../electron/core/sts/sts-error';
import { StsQueryClient, type StaticKeys } from '../../../electron/core/sts/sts-query-client';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';

const ROLE = parseRoleArn('arn:aws:iam::210987654321:role/deploy');
/** Roles whose trust rules a test sets (the server keeps them across tests). */
const GUARDED = parseRoleArn('arn:aws:iam::210987654321:role/guarded');
const DENIED = parseRoleArn('arn:aws:iam::210987654321:role/denied');
const MFA_ONLY = parseRoleArn('arn:aws:iam::210987654321:role/mfa-only');
let sts: FaultStsServer;
let user: StaticKeys;

beforeAll(async () => {
  sts = await startFaultStsServer();
  const created = sts.createUser('arn:aws:iam::123456789012:user/ci');
  user = {
    accessKeyId: new Secret(created.accessKeyId),
    secretAccessKey: new Secret(created.secretAccessKey),
  };
});
afterAll(async () => {
  await sts.close();
});
afterEach(() => {
  sts.reset();
});

function client(options: Partial<ConstructorParameters<typeof StsQueryClient>[0]> = {}) {
  const sleeps: number[] = [];
  const c = new StsQueryClient({
    endpoint: sts.endpoint,
    region: 'us-east-1',
    keys: user,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { c, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<StsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StsError)) throw new Error(`expected an StsError, got ${String(error)}`);
  return error;
}

describe('StsQueryClient.assumeRole', () => {
  it('assumes the role with everything the request asks for', async () => {
    sts.configureRole(GUARDED.arn, { externalId: 'ext-42', requireMfa: true, maxDuration: 7200 });
    const { c } = client({ userAgent: 'switchyard/9.9.9' });
    const assumed = await c.assumeRole({
      role: GUARDED,
      sessionName: 'ci.build-7',
      durationSeconds: 7200,
      externalId: 'ext-42',
      mfa: { serialNumber: sts.mfa!.serial, tokenCode: sts.mfa!.code },
    });
    expect(assumed).toMatchObject({
      assumedRoleArn: 'arn:aws:sts::210987654321:assumed-role/guarded/ci.build-7',
      durationSeconds: 7200,
      chained: false,
    });
    expect(assumed.durationCapped).toBeUndefined();
    expect(assumed.credentials.expiresAt - Date.now()).toBeGreaterThan(7100_000);
    const issued = sts.describeKey(assumed.credentials.accessKeyId.reveal());
    expect(issued).toMatchObject({ roleArn: GUARDED.arn, durationSeconds: 7200, chained: false });
    expect(sts.requests[0]).toMatchObject({
      roleSessionName: 'ci.build-7',
      externalId: 'ext-42',
      serialNumber: sts.mfa!.serial,
      tokenCodeSent: true,
      userAgent: 'switchyard/9.9.9',
    });
  });

  it('chains from temporary keys, capped at an hour, and the token is checked', async () => {
    const first = await client().c.assumeRole({ role: ROLE, sessionName: 'hop1' });
    const hop: StaticKeys = first.credentials;
    const next = parseRoleArn('arn:aws:iam::333333333333:role/next');
    const assumed = await client({ keys: hop }).c.assumeRole({
      role: next,
      sessionName: 'hop2',
      durationSeconds: 43200,
    });
    expect(assumed).toMatchObject({
      chained: true,
      durationSeconds: 3600,
      durationCapped: { requested: 43200, granted: 3600 },
    });
    expect(sts.describeKey(assumed.credentials.accessKeyId.reveal())?.chained).toBe(true);

    // Without its token the temporary key is refused, as AWS refuses it.
    const tokenless = { accessKeyId: hop.accessKeyId, secretAccessKey: hop.secretAccessKey };
    const error = await failure(
      client({ keys: tokenless }).c.assumeRole({ role: next, sessionName: 'ci' }),
    );
    expect(error).toMatchObject({
      kind: 'needs-user',
      code: 'InvalidClientTokenId',
      httpStatus: 403,
    });
  });

  it('retries throttling and 5xx with jittered backoff, like the SDK, then succeeds', async () => {
    sts.inject([{ kind: 'throttle' }, { kind: 'status', status: 503 }]);
    const { c, sleeps } = client({ random: () => 0.5 });
    await c.assumeRole({ role: ROLE, sessionName: 'ci' });
    expect(sts.count('AssumeRole')).toBe(3);
    // Throttling: base 500 ms × 2^1 × 0.5; then a 5xx: base 100 ms × 2^2 × 0.5.
    expect(sleeps).toEqual([500, 200]);
  });

  it('gives up after three attempts with the last error', async () => {
    sts.setDefaultFault({ kind: 'throttle' });
    const error = await failure(client().c.assumeRole({ role: ROLE, sessionName: 'ci' }));
    expect(error).toMatchObject({ kind: 'retryable', code: 'Throttling' });
    expect(error.message).toBe('Throttling: Rate exceeded');
    expect(sts.count('AssumeRole')).toBe(3);
  });

  it('does not retry what a person must fix', async () => {
    sts.configureRole(DENIED.arn, { deny: true });
    const denied = await failure(client().c.assumeRole({ role: DENIED, sessionName: 'ci' }));
    expect(denied).toMatchObject({ kind: 'needs-user', code: 'AccessDenied', httpStatus: 403 });
    expect(denied.message).toMatch(
      /^AccessDenied: User: arn:aws:iam::123456789012:user\/ci is not authorized/,
    );
    expect(sts.count('AssumeRole')).toBe(1);

    sts.configureRole(MFA_ONLY.arn, { requireMfa: true });
    const mfa = await failure(
      client().c.assumeRole({
        role: MFA_ONLY,
        sessionName: 'ci',
        mfa: { serialNumber: sts.mfa!.serial, tokenCode: '000000' },
      }),
    );
    expect(mfa).toMatchObject({ kind: 'needs-user', mfaFailed: true });
  });

  it('reports a wrong secret as SignatureDoesNotMatch', async () => {
    const wrong = { accessKeyId: user.accessKeyId, secretAccessKey: new Secret('not-the-secret') };
    const error = await failure(
      client({ keys: wrong }).c.assumeRole({ role: ROLE, sessionName: 'ci' }),
    );
    expect(error).toMatchObject({ kind: 'needs-user', code: 'SignatureDoesNotMatch' });
  });

  it('re-signs once with the server clock after a skew error', async () => {
    sts.inject({ kind: 'skew', serverAheadMs: 30 * 60_000 });
    await client().c.assumeRole({ role: ROLE, sessionName: 'ci' });
    const [skewed, corrected] = sts.requests;
    expect(corrected!.signedAt! - skewed!.signedAt!).toBeGreaterThan(29 * 60_000);
    expect(corrected!.status).toBe(200);
  });

  it('does not retry an unreadable 200, and says what it got', async () => {
    sts.setDefaultFault({ kind: 'malformed' });
    const error = await failure(client().c.assumeRole({ role: ROLE, sessionName: 'ci' }));
    expect(error).toMatchObject({ kind: 'retryable', code: 'MalformedResponse' });
    expect(error.message).toMatch(/unreadable response/);
    expect(sts.count('AssumeRole')).toBe(1);
  });

  it("retries a load balancer's HTML 502 and reports its status", async () => {
    sts.setDefaultFault({
      kind: 'status',
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
      contentType: 'text/html',
    });
    const error = await failure(client().c.assumeRole({ role: ROLE, sessionName: 'ci' }));
    expect(error).toMatchObject({ kind: 'retryable', httpStatus: 502 });
    expect(error.message).toMatch(/HTTP 502/);
    expect(sts.count('AssumeRole')).toBe(3);
  });

  it('times out a request that never gets an answer', async () => {
    sts.setDefaultFault({ kind: 'hang' });
    const error = await failure(
      client({ requestTimeoutMs: 200, maxAttempts: 2 }).c.assumeRole({
        role: ROLE,
        sessionName: 'ci',
      }),
    );
    expect(error).toMatchObject({ kind: 'retryable', code: 'ETIMEDOUT' });
    expect(error.message).toMatch(/no complete answer from STS within 0\.2 s/);
    expect(sts.count('AssumeRole')).toBe(2);
  });

  it('reports a connection reset and a refused connection as network errors', async () => {
    sts.setDefaultFault({ kind: 'reset' });
    const reset = await failure(
      client({ maxAttempts: 1 }).c.assumeRole({ role: ROLE, sessionName: 'ci' }),
    );
    expect(reset).toMatchObject({ kind: 'retryable', code: 'ECONNRESET' });

    const port = await closedPort();
    const refused = await failure(
      client({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 }).c.assumeRole({
        role: ROLE,
        sessionName: 'ci',
      }),
    );
    expect(refused).toMatchObject({ kind: 'retryable', code: 'ECONNREFUSED' });
    expect(refused.message).toMatch(/^network error talking to STS \(ECONNREFUSED\)/);
  });

  it('keeps every key out of errors', async () => {
    const secret = user.secretAccessKey.reveal();
    sts.setDefaultFault({ kind: 'error', code: 'AccessDenied', status: 403, message: 'no' });
    const error = await failure(client().c.assumeRole({ role: ROLE, sessionName: 'ci' }));
    expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(
      secret,
    );
  });
});

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
