import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type Credentials,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';

const USER_KEY = { accessKeyId: 'AKIAEXAMPLEUSER00001', secretAccessKey: 'x'.repeat(40) };
const USER_ARN = 'arn:aws:iam::111111111111:user/alice';
const ROLE = 'arn:aws:iam::222222222222:role/Admin';
const LONG_ROLE = 'arn:aws:iam::222222222222:role/ops/LongSessions';
const EXTERNAL_ROLE = 'arn:aws:iam::333333333333:role/Vendor';
const MFA_ROLE = 'arn:aws:iam::444444444444:role/Guarded';
const DENIED_ROLE = 'arn:aws:iam::555555555555:role/Nobody';

type StaticCreds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let sts: FaultStsServer;

function client(credentials: StaticCreds = USER_KEY, extra: { maxAttempts?: number } = {}) {
  return new STSClient({
    region: 'us-east-1',
    endpoint: sts.endpoint,
    credentials,
    maxAttempts: extra.maxAttempts ?? 1,
    requestHandler: { requestTimeout: 400, throwOnRequestTimeout: true },
  });
}

function sessionCreds(c: Credentials | undefined): StaticCreds {
  return {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
  };
}

async function assume(input: Partial<AssumeRoleCommandInput>, creds: StaticCreds = USER_KEY) {
  return client(creds).send(
    new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'alice', ...input }),
  );
}

/** The rejection of `promise`, failing the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail');
}

function status(err: Record<string, unknown>): number | undefined {
  return (err.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
}

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(USER_KEY.accessKeyId, USER_KEY.secretAccessKey, USER_ARN);
  sts.configureRole(LONG_ROLE, { maxDuration: 43200 });
  sts.configureRole(EXTERNAL_ROLE, { externalId: 'vendor-123' });
  sts.configureRole(MFA_ROLE, { requireMfa: true, maxDuration: 43200 });
  sts.configureRole(DENIED_ROLE, { deny: true });
});

afterAll(async () => {
  await sts.close();
});

beforeEach(() => {
  sts.reset();
  sts.setClockOffset(0);
  sts.mfa = { serial: 'arn:aws:iam::111111111111:mfa/alice', code: '123456' };
});

describe('protocol', () => {
  it('answers AssumeRole in a shape the SDK parses into credentials', async () => {
    const before = Date.now();
    const out = await assume({ DurationSeconds: 1800 });
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretAccessKey!.length).toBeGreaterThanOrEqual(40);
    expect(c.SessionToken!.length).toBeGreaterThan(100);
    expect(c.Expiration).toBeInstanceOf(Date);
    const lifetime = c.Expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThan(1795_000);
    expect(lifetime).toBeLessThanOrEqual(1801_000);
    expect(out.AssumedRoleUser).toEqual({
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:alice$/),
      Arn: 'arn:aws:sts::222222222222:assumed-role/Admin/alice',
    });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('issues unique keys and remembers them', async () => {
    const [a, b] = await Promise.all([assume({}), assume({})]);
    expect(a.Credentials!.AccessKeyId).not.toBe(b.Credentials!.AccessKeyId);
    const info = sts.describeKey(a.Credentials!.AccessKeyId!);
    expect(info).toMatchObject({
      kind: 'assumed-role',
      roleArn: ROLE,
      chained: false,
      mfa: false,
      issuedTo: USER_ARN,
    });
    expect(JSON.stringify(info)).not.toContain(a.Credentials!.SecretAccessKey!);
  });

  it('writes XML exactly like AWS (namespace, nesting, timestamp without millis)', async () => {
    const res = await fetch(sts.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: `AWS4-HMAC-SHA256 Credential=${USER_KEY.accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: new URLSearchParams({
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: ROLE,
        RoleSessionName: 'raw',
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const xml = await res.text();
    expect(xml).toMatch(
      /^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<AssumeRoleResult>\s*<Credentials>\s*<AccessKeyId>ASIA\w+<\/AccessKeyId>\s*<SecretAccessKey>[^<]+<\/SecretAccessKey>\s*<SessionToken>[^<]+<\/SessionToken>\s*<Expiration>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/Expiration>\s*<\/Credentials>\s*<AssumedRoleUser>\s*<AssumedRoleId>AROA\w+:raw<\/AssumedRoleId>\s*<Arn>arn:aws:sts::222222222222:assumed-role\/Admin\/raw<\/Arn>\s*<\/AssumedRoleUser>\s*<\/AssumeRoleResult>\s*<ResponseMetadata>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ResponseMetadata>\s*<\/AssumeRoleResponse>\s*$/,
    );

    const denied = await fetch(sts.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>MissingAuthenticationToken<\/Code>\s*<Message>Request is missing Authentication Token<\/Message>\s*<\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ErrorResponse>\s*$/,
    );
  });

  it('GetCallerIdentity: assumed-role ARN for issued keys, user ARN for long-term keys', async () => {
    const assumed = await assume({ RoleArn: LONG_ROLE, RoleSessionName: 'bob@example.com' });
    const asRole = await client(sessionCreds(assumed.Credentials)).send(
      new GetCallerIdentityCommand({}),
    );
    // Path dropped from the role name, as in real assumed-role ARNs.
    expect(asRole.Arn).toBe('arn:aws:sts::222222222222:assumed-role/LongSessions/bob@example.com');
    expect(asRole.Account).toBe('222222222222');
    expect(asRole.UserId).toBe(assumed.AssumedRoleUser!.AssumedRoleId);

    const asUser = await client().send(new GetCallerIdentityCommand({}));
    expect(asUser).toMatchObject({ Arn: USER_ARN, Account: '111111111111' });
    expect(asUser.UserId).toMatch(/^AIDA/);

    const stranger = await client({
      accessKeyId: 'AKIAUNKNOWN000000000',
      secretAccessKey: 's',
    }).send(new GetCallerIdentityCommand({}));
    expect(stranger.Arn).toBe('arn:aws:iam::123456789012:user/switchyard-test');
  });

  it('rejects an issued key sent without its session token, a revoked key, and an expired one', async () => {
    const creds = sessionCreds((await assume({})).Credentials);
    const noToken = await failure(
      client({ ...creds, sessionToken: undefined }).send(new GetCallerIdentityCommand({})),
    );
    expect(noToken.name).toBe('InvalidClientTokenId');
    expect(status(noToken)).toBe(403);

    sts.setClockOffset(3601_000);
    const expired = await failure(client(creds).send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('ExpiredToken');
    expect(expired.message).toBe('The security token included in the request is expired');
    sts.setClockOffset(0);

    sts.revokeKey(creds.accessKeyId);
    const revoked = await failure(client(creds).send(new GetCallerIdentityCommand({})));
    expect(revoked.name).toBe('InvalidClientTokenId');
  });

  it("checks signatures with the SDK's signer for keys it knows, and only for those", async () => {
    // The SDK signs with the right secret: verified and accepted (every call above, too).
    await assume({ RoleSessionName: 'signed' });
    const wrong = { ...USER_KEY, secretAccessKey: 'y'.repeat(40) };
    const err = await failure(assume({}, wrong));
    expect(err.name).toBe('SignatureDoesNotMatch');
    expect(status(err)).toBe(403);
    const issued = sessionCreds((await assume({})).Credentials);
    const badSession = await failure(assume({}, { ...issued, secretAccessKey: 'z'.repeat(40) }));
    expect(badSession.name).toBe('SignatureDoesNotMatch');
    // A key the server never saw acts as a test user; its signature cannot be checked.
    await assume({}, { accessKeyId: 'AKIAUNKNOWNUNKNOWN01', secretAccessKey: 'anything' });

    const lax = await startFaultStsServer({ verifySignatures: false });
    try {
      lax.addUser(USER_KEY.accessKeyId, USER_KEY.secretAccessKey, USER_ARN);
      const out = await new STSClient({
        region: 'us-east-1',
        endpoint: lax.endpoint,
        credentials: wrong,
        maxAttempts: 1,
      }).send(new GetCallerIdentityCommand({}));
      expect(out.Arn).toBe(USER_ARN);
    } finally {
      await lax.close();
    }
  });

  it('shifts Expiration with the clock offset', async () => {
    sts.setClockOffset(-3590_000);
    const out = await assume({});
    const left = out.Credentials!.Expiration!.getTime() - Date.now();
    expect(left).toBeGreaterThan(5_000);
    expect(left).toBeLessThanOrEqual(11_000);
  });

  it('validates parameters as the STS model does (moto does not)', async () => {
    const shortName = await failure(assume({ RoleSessionName: 'a' }));
    expect(shortName.name).toBe('ValidationError');
    expect(status(shortName)).toBe(400);
    expect(shortName.message).toMatch(/^1 validation error detected: .*'roleSessionName'/);

    const badName = await failure(assume({ RoleSessionName: 'has space' }));
    expect(badName.message).toContain('regular expression pattern');

    const tooShort = await failure(assume({ DurationSeconds: 899 }));
    expect(tooShort.message).toContain('greater than or equal to 900');

    const badCode = await failure(assume({ SerialNumber: sts.mfa!.serial, TokenCode: '12ab56' }));
    expect(badCode.name).toBe('ValidationError');
    expect(badCode.message).not.toContain('12ab56');
  });

  it('records params and timing but no secrets', async () => {
    const out = await assume({
      RoleArn: EXTERNAL_ROLE,
      DurationSeconds: 900,
      ExternalId: 'vendor-123',
      SerialNumber: sts.mfa!.serial,
      TokenCode: '123456',
    });
    const [r] = sts.requests;
    expect(r).toMatchObject({
      action: 'AssumeRole',
      roleArn: EXTERNAL_ROLE,
      roleSessionName: 'alice',
      durationSeconds: 900,
      externalId: 'vendor-123',
      serialNumber: 'arn:aws:iam::111111111111:mfa/alice',
      tokenCodeSent: true,
      accessKeyId: USER_KEY.accessKeyId,
      callerArn: USER_ARN,
      callerKind: 'user',
      status: 200,
    });
    expect(r!.endedAt).toBeGreaterThanOrEqual(r!.at);
    const log = JSON.stringify(sts.requests);
    expect(log).not.toContain('123456');
    expect(log).not.toContain(USER_KEY.secretAccessKey);
    expect(log).not.toContain(out.Credentials!.SecretAccessKey!);
    expect(log).not.toContain(out.Credentials!.SessionToken!);
    expect(sts.stats().byAction).toEqual({ AssumeRole: 1 });
  });
});

describe('AWS rules moto does not enforce', () => {
  it('caps DurationSeconds at the role MaxSessionDuration (default 3600)', async () => {
    const err = await failure(assume({ DurationSeconds: 7200 }));
    expect(err.name).toBe('ValidationError');
    expect(status(err)).toBe(400);
    expect(err.message).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    const ok = await assume({ RoleArn: LONG_ROLE, DurationSeconds: 43200 });
    expect(ok.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(43190_000);
  });

  it('caps role chaining at one hour', async () => {
    const first = sessionCreds((await assume({ RoleArn: LONG_ROLE })).Credentials);
    const err = await failure(assume({ RoleArn: LONG_ROLE, DurationSeconds: 3601 }, first));
    expect(err.name).toBe('ValidationError');
    expect(status(err)).toBe(400);
    expect(err.message).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const chained = await assume({ RoleArn: ROLE, DurationSeconds: 3600 }, first);
    expect(sts.describeKey(chained.Credentials!.AccessKeyId!)).toMatchObject({
      chained: true,
      issuedTo: 'arn:aws:sts::222222222222:assumed-role/LongSessions/alice',
    });
    expect(sts.requests.at(-1)!.callerKind).toBe('assumed-role');
  });

  it('requires the configured ExternalId', async () => {
    for (const ExternalId of [undefined, 'wrong-id']) {
      const err = await failure(assume({ RoleArn: EXTERNAL_ROLE, ExternalId }));
      expect(err.name).toBe('AccessDenied');
      expect(status(err)).toBe(403);
      expect(err.message).toBe(
        `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${EXTERNAL_ROLE}`,
      );
    }
    await expect(
      assume({ RoleArn: EXTERNAL_ROLE, ExternalId: 'vendor-123' }),
    ).resolves.toBeTruthy();
  });

  it('denies roles whose trust policy refuses the caller', async () => {
    const err = await failure(assume({ RoleArn: DENIED_ROLE }));
    expect(err.name).toBe('AccessDenied');
    expect(err.message).toContain(`on resource: ${DENIED_ROLE}`);
  });

  it('checks MFA on AssumeRole', async () => {
    // Trust condition unmet: AWS gives the generic denial, not an MFA error.
    const missing = await failure(assume({ RoleArn: MFA_ROLE }));
    expect(missing.name).toBe('AccessDenied');
    expect(missing.message).toContain('is not authorized to perform: sts:AssumeRole');

    const serial = sts.mfa!.serial;
    for (const bad of [
      { SerialNumber: serial, TokenCode: '654321' },
      { SerialNumber: serial },
      { SerialNumber: 'arn:aws:iam::111111111111:mfa/mallory', TokenCode: '123456' },
    ]) {
      const err = await failure(assume({ RoleArn: MFA_ROLE, ...bad }));
      expect(err.name).toBe('AccessDenied');
      expect(status(err)).toBe(403);
      expect(err.message).toBe(
        'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      );
    }
    const ok = await assume({ RoleArn: MFA_ROLE, SerialNumber: serial, TokenCode: '123456' });
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);

    // AssumeRole credentials carry no MFA context.
    const chainedErr = await failure(
      assume({ RoleArn: MFA_ROLE }, sessionCreds((await assume({})).Credentials)),
    );
    expect(chainedErr.name).toBe('AccessDenied');
  });

  it('GetSessionToken with MFA gives a key whose AssumeRole calls count as MFA-present', async () => {
    const wrong = await failure(
      client().send(
        new GetSessionTokenCommand({ SerialNumber: sts.mfa!.serial, TokenCode: '000000' }),
      ),
    );
    expect(wrong.name).toBe('AccessDenied');
    expect(wrong.message).toBe(
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );

    const gst = await client().send(
      new GetSessionTokenCommand({
        SerialNumber: sts.mfa!.serial,
        TokenCode: '123456',
        DurationSeconds: 7200,
      }),
    );
    expect(gst.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    const gstCreds = sessionCreds(gst.Credentials);
    expect(sts.describeKey(gstCreds.accessKeyId)).toMatchObject({
      kind: 'session-token',
      mfa: true,
    });

    const who = await client(gstCreds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(USER_ARN);

    const role = await assume({ RoleArn: MFA_ROLE }, gstCreds);
    expect(role.AssumedRoleUser!.Arn).toBe('arn:aws:sts::444444444444:assumed-role/Guarded/alice');
    // Still chaining: GetSessionToken credentials are temporary.
    const long = await failure(assume({ RoleArn: MFA_ROLE, DurationSeconds: 7200 }, gstCreds));
    expect(long.message).toContain('1 hour session limit');

    const noMfa = await client().send(new GetSessionTokenCommand({}));
    const noMfaErr = await failure(assume({ RoleArn: MFA_ROLE }, sessionCreds(noMfa.Credentials)));
    expect(noMfaErr.name).toBe('AccessDenied');

    const fromSession = await failure(client(gstCreds).send(new GetSessionTokenCommand({})));
    expect(fromSession.name).toBe('AccessDenied');
    expect(fromSession.message).toBe('Cannot call GetSessionToken with session credentials');
  });

  it('can reject a reused MFA code', async () => {
    sts.mfa = { serial: sts.mfa!.serial, code: '246810', singleUse: true };
    const mfa = { SerialNumber: sts.mfa.serial, TokenCode: '246810' };
    await assume({ RoleArn: MFA_ROLE, ...mfa });
    const reused = await failure(assume({ RoleArn: MFA_ROLE, ...mfa }));
    expect(reused.message).toBe(
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
    sts.mfa = { ...sts.mfa, code: '135790' };
    await expect(assume({ RoleArn: MFA_ROLE, ...mfa, TokenCode: '135790' })).resolves.toBeTruthy();
  });
});

describe('fault injection', () => {
  const identity = (creds: StaticCreds = USER_KEY) =>
    client(creds).send(new GetCallerIdentityCommand({}));

  it('throttle → Throttling, 400', async () => {
    sts.inject([{ kind: 'throttle' }]);
    const err = await failure(identity());
    expect(err.name).toBe('Throttling');
    expect(err.message).toBe('Rate exceeded');
    expect(status(err)).toBe(400);
    await expect(identity()).resolves.toMatchObject({ Arn: USER_ARN });
  });

  it('status → that HTTP status, AWS-shaped for 5xx', async () => {
    sts.inject([
      { kind: 'status', status: 503 },
      { kind: 'status', status: 500 },
    ]);
    const e503 = await failure(identity());
    expect(e503.name).toBe('ServiceUnavailable');
    expect(status(e503)).toBe(503);
    expect(e503.$fault).toBe('server');
    const e500 = await failure(identity());
    expect(e500.name).toBe('InternalFailure');
    expect(status(e500)).toBe(500);

    sts.inject({
      kind: 'status',
      status: 502,
      body: '<html>Bad Gateway</html>',
      contentType: 'text/html',
    });
    expect(status(await failure(identity()))).toBe(502);
  });

  it('error → any AWS error code', async () => {
    sts.inject({ kind: 'error', code: 'AccessDenied', status: 403, message: 'nope' });
    const err = await failure(identity());
    expect(err).toMatchObject({ name: 'AccessDenied', message: 'nope' });
    expect(status(err)).toBe(403);
    sts.inject({ kind: 'error', code: 'RegionDisabledException', status: 403 });
    expect((await failure(identity())).name).toBe('RegionDisabledException');
  });

  it('delay → slow but normal answer', async () => {
    sts.inject({ kind: 'delay', ms: 250 });
    const t0 = Date.now();
    await expect(identity()).resolves.toMatchObject({ Arn: USER_ARN });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('hang → the client request timeout fires', async () => {
    sts.inject({ kind: 'hang' });
    const t0 = Date.now();
    const err = await failure(identity());
    expect(err.name).toBe('TimeoutError');
    expect(Date.now() - t0).toBeLessThan(2_000);
    await expect.poll(() => sts.stats().inFlight, { timeout: 2_000 }).toBe(0);
    expect(sts.requests[0]).toMatchObject({ fault: 'hang', aborted: true });
  });

  it('reset → connection reset', async () => {
    sts.inject({ kind: 'reset' });
    const err = await failure(identity());
    expect(err.code).toBe('ECONNRESET');
  });

  it('malformed → the SDK cannot parse the body', async () => {
    sts.inject({ kind: 'malformed' });
    const err = await failure(assume({}));
    expect(err.message).toMatch(/XML parse error|Deserialization error/);
    expect(status(err)).toBe(200);
  });

  it('skew → SignatureDoesNotMatch with a Date header, which the SDK uses to correct its clock', async () => {
    sts.inject({ kind: 'skew' });
    const err = await failure(identity());
    expect(err.name).toBe('SignatureDoesNotMatch');
    expect(status(err)).toBe(403);
    expect(err.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );

    sts.inject({ kind: 'skew', serverAheadMs: 30 * 60_000 });
    const retrying = client(USER_KEY, { maxAttempts: 2 });
    const out = await retrying.send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(USER_ARN);
    expect(sts.count('GetCallerIdentity')).toBe(3);
    // The retry was signed with the clock moved forward by the server's Date header.
    const retry = sts.requests[2]!;
    expect(retry.signedAt! - retry.at).toBeGreaterThan(25 * 60_000);
  });

  it('queued faults match by action and role, in order', async () => {
    sts.inject([
      { kind: 'throttle', action: 'AssumeRole', roleArn: LONG_ROLE },
      { kind: 'error', code: 'AccessDenied', status: 403, action: 'AssumeRole' },
      { kind: 'status', status: 503, action: 'GetSessionToken' },
    ]);
    await expect(identity()).resolves.toBeTruthy();
    expect((await failure(assume({}))).name).toBe('AccessDenied');
    expect((await failure(assume({ RoleArn: LONG_ROLE }))).name).toBe('Throttling');
    await expect(assume({})).resolves.toBeTruthy();
    expect(sts.stats().queuedFaults).toBe(1);
    expect(sts.stats().byErrorCode).toEqual({ AccessDenied: 1, Throttling: 1 });
  });

  it('default faults make a storm until cleared, globally or per action', async () => {
    sts.setDefaultFault({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i++) expect(status(await failure(identity()))).toBe(503);
    sts.setDefaultFault(null);
    await expect(identity()).resolves.toBeTruthy();

    sts.setDefaultFault({ kind: 'throttle' }, 'AssumeRole');
    expect((await failure(assume({}))).name).toBe('Throttling');
    await expect(identity()).resolves.toBeTruthy();
    // A queued fault still wins over the default.
    sts.inject({ kind: 'error', code: 'AccessDenied', status: 403 });
    expect((await failure(assume({}))).name).toBe('AccessDenied');
    sts.setDefaultFault(null, 'AssumeRole');
    await expect(assume({})).resolves.toBeTruthy();
    expect(sts.stats().faultsServed).toBe(5);
  });

  it('latency applies to every response and concurrency is measured', async () => {
    sts.setLatency(150);
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => identity()));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(sts.stats()).toMatchObject({ total: 5, maxInFlight: 5, inFlight: 0 });
    expect(sts.requests.every((r) => r.endedAt! - r.at >= 140)).toBe(true);

    sts.reset();
    expect(sts.stats()).toMatchObject({ total: 0, maxInFlight: 0 });
    await identity();
    const [after] = sts.requests;
    expect(after!.endedAt! - after!.at).toBeLessThan(100);
  });

  it('waitForRequests resolves on arrival and times out when nothing comes', async () => {
    sts.inject({ kind: 'delay', ms: 300 });
    const pending = identity();
    await sts.waitForRequests(1, 1_000);
    expect(sts.stats().inFlight).toBe(1);
    await pending;
    await expect(sts.waitForRequests(2, 100)).rejects.toThrow(/saw 1/);
  });
});

describe('lifecycle', () => {
  it('stop() then start() comes back on the same port with its state', async () => {
    const creds = sessionCreds((await assume({})).Credentials);
    const port = sts.port;
    sts.inject({ kind: 'hang' });
    const hanging = failure(
      new STSClient({
        region: 'us-east-1',
        endpoint: sts.endpoint,
        credentials: USER_KEY,
        maxAttempts: 1,
        requestHandler: { requestTimeout: 10_000, throwOnRequestTimeout: true },
      }).send(new GetCallerIdentityCommand({})),
    );
    await sts.waitForRequests(2, 1_000);

    const t0 = Date.now();
    await sts.stop();
    expect(Date.now() - t0).toBeLessThan(1_000);
    // The hanging request is cut off by stop(), not by its 10 s timeout.
    expect((await hanging).code).toBe('ECONNRESET');
    const down = await failure(client(creds).send(new GetCallerIdentityCommand({})));
    expect(down.code).toBe('ECONNREFUSED');

    await sts.start();
    expect(sts.port).toBe(port);
    const who = await client(creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::222222222222:assumed-role/Admin/alice');
  });

  it('close() is prompt even with a hanging request, and idempotent', async () => {
    const own = await startFaultStsServer({ latencyMs: 10 });
    own.inject({ kind: 'hang' });
    const hanging = new STSClient({
      region: 'us-east-1',
      endpoint: own.endpoint,
      credentials: USER_KEY,
      maxAttempts: 1,
    }).send(new GetCallerIdentityCommand({}));
    const outcome = hanging.then(
      () => 'resolved',
      () => 'rejected',
    );
    await own.waitForRequests(1, 1_000);
    const t0 = Date.now();
    await own.close();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(await outcome).toBe('rejected');
    await expect(own.start()).rejects.toThrow(/closed/);
  });

  it('strict mode and unknown-role denial', async () => {
    const strict = await startFaultStsServer({ strictKeys: true, unknownRoles: 'deny' });
    try {
      const keys = strict.createUser('arn:aws:iam::999999999999:user/carol');
      const c = (creds: StaticCreds) =>
        new STSClient({
          region: 'us-east-1',
          endpoint: strict.endpoint,
          credentials: creds,
          maxAttempts: 1,
        });
      const unknown = await failure(
        c({ accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 's' }).send(
          new GetCallerIdentityCommand({}),
        ),
      );
      expect(unknown.name).toBe('InvalidClientTokenId');
      expect((await c(keys).send(new GetCallerIdentityCommand({}))).Account).toBe('999999999999');
      const denied = await failure(
        c(keys).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'carol' })),
      );
      expect(denied.name).toBe('AccessDenied');
      strict.configureRole(ROLE);
      await expect(
        c(keys).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'carol' })),
      ).resolves.toBeTruthy();
    } finally {
      await strict.close();
    }
  });
});
