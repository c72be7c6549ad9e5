import { chmodSync, statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli, type RunResult } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const GUARDED = 'arn:aws:iam::210987654321:role/guarded';
const SHORT = 'arn:aws:iam::210987654321:role/short';
const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const USER_CREDENTIALS = [
  '# team laptop',
  '[source]',
  `aws_access_key_id = ${SOURCE_KEY}`,
  `aws_secret_access_key = ${SOURCE_SECRET}`,
  '',
  '; keep me',
  '[other]',
  'aws_access_key_id=AKIAOTHEROTHEROTHER1',
  'aws_secret_access_key=otherotherotherotherotherotherotherother',
  'region = eu-west-1',
  '',
].join('\r\n');

let sts: FaultStsServer;
let home: TempAwsHome;

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/builder');
});
afterAll(async () => {
  await sts.close();
});
afterEach(() => {
  home?.cleanup();
  sts.reset();
});

function setup(credentials = USER_CREDENTIALS, config?: string): TempAwsHome {
  home = createTempAwsHome({
    credentials,
    ...(config === undefined ? {} : { config }),
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  return home;
}

function assume(args: string[]): Promise<RunResult> {
  return runCli(['assume', ...args], { env: home.env });
}

/** Every key, secret and token the server issued must stay out of what the CLI printed. */
function expectNoSecrets(result: RunResult, fileText: string): void {
  const secrets = [
    SOURCE_SECRET,
    ...[
      ...fileText.matchAll(/^aws_(?:secret_access_key|session_token|access_key_id) = (\S+)/gm),
    ].map((m) => m[1]!),
  ];
  for (const secret of secrets) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

describe('switchyard assume against an STS-protocol server', () => {
  it('writes the profile losslessly and prints profile, assumed role and expiry', async () => {
    setup();
    const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^profile {7}deploy$/m);
    expect(result.stdout).toMatch(
      /assumed role {2}arn:aws:sts::210987654321:assumed-role\/deploy\/switchyard-/,
    );
    expect(result.stdout).toMatch(/expires {7}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (59m|1h 00m)\)/);

    const text = home.readCredentials();
    // Everything the user had is byte-identical, CRLF included; ours is appended in CRLF.
    expect(text.startsWith(USER_CREDENTIALS)).toBe(true);
    const added = text.slice(USER_CREDENTIALS.length);
    expect(added).toMatch(/^\r\n\[deploy\]\r\naws_access_key_id = ASIA\w+\r\n/);
    expect(added).toContain(`x_switchyard_role_arn = ${ROLE}\r\n`);
    expect(added).toContain('x_switchyard_managed = true\r\n');
    const issued = /aws_access_key_id = (\S+)/.exec(added)![1]!;
    expect(sts.describeKey(issued)).toBeDefined();
    expectNoSecrets(result, text);
  });

  it('prints one JSON object without secrets with --json', async () => {
    setup();
    const result = await assume([
      ROLE,
      'deploy',
      '--source-profile',
      'source',
      '--json',
      '--duration',
      '1800',
    ]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      profile: 'deploy',
      roleArn: ROLE,
      durationSeconds: 1800,
      chained: false,
      region: 'us-east-1',
      credentialsFile: home.credentialsPath,
    });
    expect(out.assumedRoleArn).toMatch(/assumed-role\/deploy\//);
    const expiresIn = Date.parse(out.expiration as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(1700_000);
    expect(expiresIn).toBeLessThanOrEqual(1800_000);
    expect(Object.keys(out).sort()).toEqual([
      'assumedRoleArn',
      'chained',
      'credentialsFile',
      'durationSeconds',
      'expiration',
      'profile',
      'region',
      'roleArn',
    ]);
    expectNoSecrets(result, home.readCredentials());
  });

  it('updates its own profile in place on a second run', async () => {
    setup();
    expect((await assume([ROLE, 'deploy', '--source-profile', 'source'])).code).toBe(0);
    const first = home.readCredentials();
    expect((await assume([ROLE, 'deploy', '--source-profile', 'source'])).code).toBe(0);
    const second = home.readCredentials();
    expect(second.match(/\[deploy\]/g)).toHaveLength(1);
    expect(second.length).toBe(first.length);
    expect(second).not.toBe(first);
  });

  it('passes ExternalId, session name and MFA through to STS', async () => {
    setup();
    sts.configureRole(GUARDED, { externalId: 'team-ext-42', requireMfa: true });
    const serial = sts.mfa!.serial;
    const denied = await assume([
      GUARDED,
      'deploy',
      '--source-profile',
      'source',
      '--mfa-serial',
      serial,
      '--mfa-code',
      '123456',
    ]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(
      /^switchyard: AccessDenied: User: .* is not authorized to perform: sts:AssumeRole/,
    );

    const wrongCode = await assume([
      GUARDED,
      'deploy',
      '--source-profile',
      'source',
      '--external-id',
      'team-ext-42',
      '--mfa-serial',
      serial,
      '--mfa-code',
      '000000',
    ]);
    expect(wrongCode.code).toBe(1);
    expect(wrongCode.stderr).toMatch(/MultiFactorAuthentication failed/);

    const ok = await assume([
      GUARDED,
      'deploy',
      '--source-profile',
      'source',
      '--external-id',
      'team-ext-42',
      '--session-name',
      'ci-build.42',
      '--mfa-serial',
      serial,
      '--mfa-code',
      sts.mfa!.code,
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const last = sts.requests.filter((r) => r.action === 'AssumeRole').at(-1)!;
    expect(last).toMatchObject({
      externalId: 'team-ext-42',
      roleSessionName: 'ci-build.42',
      serialNumber: serial,
    });
    expect(last.tokenCodeSent).toBe(true);
    expect(ok.stdout).toContain('assumed-role/guarded/ci-build.42');
  });

  it('reads the MFA code from stdin when --mfa-code is not given, so it stays out of argv', async () => {
    setup();
    sts.configureRole(GUARDED, { requireMfa: true });
    const serial = sts.mfa!.serial;
    const args = [
      'assume',
      GUARDED,
      'deploy',
      '--source-profile',
      'source',
      '--mfa-serial',
      serial,
    ];
    const ok = await runCli(args, { env: home.env, input: `${sts.mfa!.code}\n` });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const last = sts.requests.filter((r) => r.action === 'AssumeRole').at(-1)!;
    expect(last).toMatchObject({ serialNumber: serial, tokenCodeSent: true });
  });

  it('with no --mfa-code and nothing on stdin: one-line error, exit 2, no STS call, no write', async () => {
    setup();
    const serial = sts.mfa!.serial;
    const calls = sts.requests.length;
    const result = await assume([
      GUARDED,
      'deploy',
      '--source-profile',
      'source',
      '--mfa-serial',
      serial,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `switchyard: --mfa-code: no MFA code for ${serial}; pass --mfa-code CODE, type it at the prompt, or pipe it on stdin\n`,
    );
    expect(sts.requests.length).toBe(calls);
    expect(home.readCredentials()).toBe(USER_CREDENTIALS);
  });

  it('caps a chained session at one hour and says why', async () => {
    setup();
    expect((await assume([ROLE, 'hop1', '--source-profile', 'source'])).code).toBe(0);
    const second = 'arn:aws:iam::333333333333:role/next';
    const result = await assume([
      second,
      'hop2',
      '--source-profile',
      'hop1',
      '--duration',
      '43200',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^switchyard: note: duration lowered from 43200 to 3600 seconds: .*1 hour/,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ chained: true, durationSeconds: 3600 });
  });

  it("reports a duration above the role maximum with AWS's message and leaves the file alone", async () => {
    setup();
    sts.configureRole(SHORT, { maxDuration: 3600 });
    const before = home.readCredentials();
    const result = await assume([
      SHORT,
      'deploy',
      '--source-profile',
      'source',
      '--duration',
      '7200',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^switchyard: ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration/,
    );
    expect(home.readCredentials()).toBe(before);
  });

  it('retries throttling and transient 5xx, then succeeds', async () => {
    setup();
    sts.inject([{ kind: 'throttle' }, { kind: 'status', status: 503 }]);
    const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sts.count('AssumeRole')).toBe(3);
  });

  it.each([
    ['a throttling storm', { kind: 'throttle' } as const, /Throttling/],
    ['a 500 storm', { kind: 'status', status: 500 } as const, /InternalFailure|500/],
    ['malformed XML', { kind: 'malformed' } as const, /unreadable response|XML|parse/i],
    ['connection resets', { kind: 'reset' } as const, /ECONNRESET|socket|network/i],
    [
      'AccessDenied',
      {
        kind: 'error',
        code: 'AccessDenied',
        status: 403,
        message:
          'User: arn:aws:iam::123456789012:user/builder is not authorized to perform: sts:AssumeRole on resource: x',
      } as const,
      /AccessDenied: User: /,
    ],
  ])(
    'fails cleanly on %s: exit 1, one line, file byte-identical',
    async (_label, fault, pattern) => {
      setup();
      sts.setDefaultFault(fault);
      const before = home.readCredentials();
      const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(pattern);
      expect(home.readCredentials()).toBe(before);
    },
  );

  it('fails with exit 1 when STS is unreachable', async () => {
    setup();
    await sts.stop();
    try {
      const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^switchyard: network error talking to STS \(ECONNREFUSED\)/);
      expect(home.readCredentials()).toBe(USER_CREDENTIALS);
    } finally {
      await sts.start();
    }
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a read-only credentials file before calling STS, leaving it as it is',
    async () => {
      setup();
      chmodSync(home.credentialsPath, 0o444);
      const refused = await assume([ROLE, 'ci', '--source-profile', 'source']);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/is read-only \(mode 0444\); make it writable \(chmod u\+w /);
      expect(sts.count('AssumeRole')).toBe(0);
      expect(home.readCredentials()).toBe(USER_CREDENTIALS);
      expect(statSync(home.credentialsPath).mode & 0o777).toBe(0o444);
    },
  );

  it('refuses to overwrite long-term keys unless --force, before calling STS', async () => {
    setup();
    const refused = await assume([ROLE, 'other', '--source-profile', 'source']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"other".*long-term.*--force/);
    expect(sts.count('AssumeRole')).toBe(0);
    expect(home.readCredentials()).toBe(USER_CREDENTIALS);

    const forced = await assume([ROLE, 'other', '--source-profile', 'source', '--force']);
    expect(forced.code).toBe(0);
    const text = home.readCredentials();
    // The section keeps its place and its region; the keys are now ours.
    expect(text).toMatch(/; keep me\r\n\[other\]\r\naws_access_key_id=ASIA/);
    expect(text).toContain('region = eu-west-1\r\n');
  });

  it('refuses a profile that ~/.aws/config defines with role_arn', async () => {
    setup(
      USER_CREDENTIALS,
      '[profile deploy]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = source\n',
    );
    const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/role_arn/);
    expect(home.readCredentials()).toBe(USER_CREDENTIALS);
  });

  it('refuses an SSO or credential_process profile in one line naming the key, unless --force', async () => {
    const config =
      '[profile sso]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n\n' +
      '[profile tool]\nregion = eu-west-1\ncredential_process = /usr/local/bin/creds\n\n' +
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n';
    setup(USER_CREDENTIALS, config);
    for (const [profile, key] of [
      ['sso', 'sso_account_id'],
      ['tool', 'credential_process'],
    ] as const) {
      const refused = await assume([ROLE, profile, '--source-profile', 'source']);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain(`profile "${profile}" is defined with ${key} in `);
      expect(refused.stderr).toMatch(/Pick another profile name.*--force/);
    }
    expect(sts.count('AssumeRole')).toBe(0);
    expect(home.readCredentials()).toBe(USER_CREDENTIALS);

    const forced = await assume([ROLE, 'tool', '--source-profile', 'source', '--force']);
    expect(forced.code).toBe(0);
    expect(home.readCredentials()).toMatch(/\[tool\]\r\naws_access_key_id = ASIA/);
  });

  it("uses the source profile's config region and rejects a region from another partition", async () => {
    setup(USER_CREDENTIALS, '[profile source]\nregion = eu-central-1\n');
    const env = { ...home.env };
    delete env.AWS_REGION;
    const ok = await runCli(['assume', ROLE, 'deploy', '--source-profile', 'source', '--json'], {
      env,
    });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).region).toBe('eu-central-1');
    const bad = await runCli(
      [
        'assume',
        'arn:aws-cn:iam::210987654321:role/deploy',
        'cn',
        '--source-profile',
        'source',
        '--region',
        'eu-west-1',
      ],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--region: eu-west-1 is in the aws partition but the role is in aws-cn/,
    );
  });
});

describe('switchyard assume picks who signs the call', () => {
  const assumeRoles = () => sts.requests.filter((r) => r.action === 'AssumeRole');

  it('signs plain source keys itself (the server checks the signature with the SDK signer)', async () => {
    setup();
    const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(assumeRoles()).toHaveLength(1);
    expect(assumeRoles()[0]).toMatchObject({
      accessKeyId: SOURCE_KEY,
      userAgent: expect.stringMatching(/^switchyard\/\d+\.\d+\.\d+$/),
    });
  });

  it('takes environment keys first when no profile is named, as the SDK does', async () => {
    setup();
    const user = sts.createUser('arn:aws:iam::123456789012:user/ci');
    const env: NodeJS.ProcessEnv = {
      ...home.env,
      AWS_ACCESS_KEY_ID: user.accessKeyId,
      AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
    };
    delete env.AWS_PROFILE;
    const result = await runCli(['assume', ROLE, 'deploy'], { env });
    expect(result.code).toBe(0);
    expect(assumeRoles().at(-1)).toMatchObject({
      accessKeyId: user.accessKeyId,
      userAgent: expect.stringMatching(/^switchyard\//),
    });

    // AWS_PROFILE beats environment keys, again as the SDK decides.
    const named = await runCli(['assume', ROLE, 'deploy'], {
      env: { ...env, AWS_PROFILE: 'source' },
    });
    expect(named.code).toBe(0);
    expect(assumeRoles().at(-1)?.accessKeyId).toBe(SOURCE_KEY);
  });

  it("fails with AWS's message when the secret is wrong, file untouched", async () => {
    setup(USER_CREDENTIALS.replace(SOURCE_SECRET, SOURCE_SECRET.replace('SOURCE', 'WRONGS')));
    const before = home.readCredentials();
    const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^switchyard: SignatureDoesNotMatch: The request signature/);
    expect(home.readCredentials()).toBe(before);
  });

  it("re-signs with the server's clock after a skew error, as the SDK does", async () => {
    setup();
    sts.inject({ kind: 'skew', serverAheadMs: 20 * 60_000 });
    const result = await assume([ROLE, 'deploy', '--source-profile', 'source']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [first, second] = assumeRoles();
    expect(second!.signedAt! - first!.signedAt!).toBeGreaterThan(19 * 60_000);
  });

  it('leaves a role_arn source profile to the AWS SDK, which assumes it first', async () => {
    setup(USER_CREDENTIALS, `[profile hop]\nrole_arn = ${ROLE}\nsource_profile = source\n`);
    const second = 'arn:aws:iam::333333333333:role/next';
    const result = await assume([second, 'next', '--source-profile', 'hop', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ chained: true });
    const calls = assumeRoles();
    expect(calls.map((r) => r.roleArn)).toEqual([ROLE, second]);
    for (const call of calls) expect(call.userAgent).toMatch(/aws-sdk-js/);
  });

  it.each([
    ['AWS_USE_FIPS_ENDPOINT in the environment', { AWS_USE_FIPS_ENDPOINT: 'false' }, undefined],
    [
      'use_dualstack_endpoint in the profile',
      {},
      '[profile source]\nuse_dualstack_endpoint = false\n',
    ],
  ])('leaves endpoint settings to the AWS SDK: %s', async (_label, extraEnv, config) => {
    setup(USER_CREDENTIALS, config);
    const result = await runCli(['assume', ROLE, 'deploy', '--source-profile', 'source'], {
      env: { ...home.env, ...extraEnv },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(assumeRoles().at(-1)?.userAgent).toMatch(/aws-sdk-js/);
  });
});

describe('switchyard assume rejects bad input with exit 2 and touches nothing', () => {
  const cases: [string, string[], RegExp][] = [
    ['no arguments', [], /missing <role-arn> <profile>/],
    ['a third positional', [ROLE, 'p', 'extra'], /unexpected argument "extra"/],
    ['an unknown option', [ROLE, 'p', '--bogus'], /Unknown option '--bogus'/],
    ['an S3 ARN', ['arn:aws:s3:::bucket', 'p'], /role ARN/],
    ['an ARN without account', ['arn:aws:iam:::role/x', 'p'], /role ARN/],
    ['an unknown partition', ['arn:aws-mars:iam::123456789012:role/x', 'p'], /role ARN/],
    ['a profile with brackets', [ROLE, 'a]b'], /profile/],
    ['a profile with =', [ROLE, 'a=b'], /profile/],
    ['a profile with a newline', [ROLE, 'a\nb'], /profile/],
    ['an empty profile', [ROLE, ''], /profile/],
    ['a profile with a leading space', [ROLE, ' p'], /profile/],
    ['duration below 900', [ROLE, 'p', '--duration', '899'], /--duration/],
    ['duration above 43200', [ROLE, 'p', '--duration', '43201'], /--duration/],
    ['duration as text', [ROLE, 'p', '--duration', '1h'], /--duration/],
    ['a short ExternalId', [ROLE, 'p', '--external-id', 'x'], /--external-id/],
    ['an ExternalId with a space', [ROLE, 'p', '--external-id', 'a b c'], /--external-id/],
    ['a session name with a space', [ROLE, 'p', '--session-name', 'a b'], /--session-name/],
    ['a 65-char session name', [ROLE, 'p', '--session-name', 'x'.repeat(65)], /--session-name/],
    [
      'an MFA serial without code',
      [ROLE, 'p', '--mfa-serial', 'arn:aws:iam::123456789012:mfa/me'],
      /--mfa-code/,
    ],
    [
      'a 5-digit MFA code',
      [ROLE, 'p', '--mfa-serial', 'arn:aws:iam::123456789012:mfa/me', '--mfa-code', '12345'],
      /--mfa-code/,
    ],
    ['an upper-case region', [ROLE, 'p', '--region', 'US-EAST-1'], /--region/],
    ['source profile equal to target', [ROLE, 'p', '--source-profile', 'p'], /--source-profile/],
  ];

  it.each(cases)('%s', async (_label, args, pattern) => {
    setup();
    const result = await assume(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^switchyard: /);
    expect(result.stderr).toMatch(pattern);
    expect(home.readCredentials()).toBe(USER_CREDENTIALS);
    expect(sts.count('AssumeRole')).toBe(0);
  });
});
