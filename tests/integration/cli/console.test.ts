import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli } from '../../support/run-cli';
import { startSigninServer, type SigninServer } from '../../support/signin-server';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const ROLE = 'arn:aws:iam::210987654321:role/ops/admin';

let sts: FaultStsServer;
let signin: SigninServer;
let home: TempAwsHome;

beforeAll(async () => {
  sts = await startFaultStsServer();
  signin = await startSigninServer({ sts });
  home = createTempAwsHome({
    credentials:
      '[source]\naws_access_key_id = AKIAIOSFODNN7SOURCE1\naws_secret_access_key = s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3c\n',
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint, SWITCHYARD_SIGNIN_ENDPOINT: signin.baseUrl },
  });
});
afterAll(async () => {
  home?.cleanup();
  await signin?.close();
  await sts?.close();
});

describe('switchyard console', () => {
  it('prints a switch-role link for a role ARN with path, display name and colour', async () => {
    const result = await runCli(
      ['console', ROLE, '--display-name', 'Prod admin', '--color', 'red', '--print'],
      { env: home.env },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin + url.pathname).toBe('https://signin.aws.amazon.com/switchrole');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      account: '210987654321',
      roleName: 'ops/admin',
      displayName: 'Prod admin',
      color: 'f2b0a9',
    });
  });

  it('uses the partition of the role', async () => {
    const result = await runCli(['console', 'arn:aws-us-gov:iam::210987654321:role/x', '--print'], {
      env: home.env,
    });
    expect(new URL(result.stdout.trim()).host).toBe('signin.amazonaws-us-gov.com');
  });

  it("signs in with a profile's session: getSigninToken without SessionDuration, then a login URL", async () => {
    const assumed = await runCli(['assume', ROLE, 'ops', '--source-profile', 'source'], {
      env: home.env,
    });
    expect(assumed.code).toBe(0);
    const result = await runCli(
      ['console', '--profile', 'ops', '--federated', '--region', 'eu-west-1', '--print'],
      { env: home.env },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin + url.pathname).toBe(signin.baseUrl);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('switchyard');
    expect(url.searchParams.get('Destination')).toBe(
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    );
    // The token is one the sign-in endpoint issued: following the link logs in.
    const login = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe(url.searchParams.get('Destination'));
    const request = signin.requests.find((r) => r.action === 'getSigninToken')!;
    expect(request.method).toBe('POST');
    expect(request.sessionDurationSent).toBe(false);
    expect(request.status).toBe(200);
    // The audit trail has the sign-in, and not the token.
    const trail = await runCli(['audit', '--json', '--event', 'federated-sign-in'], {
      env: home.env,
    });
    expect(JSON.parse(trail.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      event: 'federated-sign-in',
      outcome: 'ok',
      by: 'cli:console',
      profile: 'ops',
      source: 'profile:ops',
    });
    expect(trail.stdout).not.toContain(url.searchParams.get('SigninToken')!);
  });

  it('switch-role link from a managed profile', async () => {
    const result = await runCli(['console', '--profile', 'ops', '--print'], { env: home.env });
    expect(result.code).toBe(0);
    expect(new URL(result.stdout.trim()).searchParams.get('roleName')).toBe('ops/admin');
  });

  it.each([
    [['console'], /missing <role-arn> or --profile/],
    [['console', ROLE, '--profile', 'ops'], /either a role ARN or --profile/],
    [['console', ROLE, '--federated'], /--federated/],
    [
      [
        'console',
        '--profile',
        'ops',
        '--federated',
        '--region',
        'eu-west-1',
        '--destination',
        'https://console.aws.amazon.com/',
      ],
      /either --region or --destination/,
    ],
    [['console', ROLE, '--color', 'purple'], /--color/],
    [['console', 'arn:aws:iam::210987654321:user/bob'], /role ARN/],
    [['console', '--profile', 'source', '--print'], /not managed by Switchyard/],
    [
      ['console', '--profile', 'ops', '--federated', '--destination', 'https://evil.example/'],
      /destination|Destination/,
    ],
  ])('rejects %j with exit 2', async (args, pattern) => {
    const result = await runCli(args, { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  });

  it('refuses federated sign-in with long-term keys (exit 1)', async () => {
    const result = await runCli(['console', '--profile', 'source', '--federated', '--print'], {
      env: home.env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/long-term keys.*switchyard assume/);
    expect(result.stderr).not.toContain('s3cr3t');
  });

  it('opens a federated sign-in through a one-time loopback redirect: the opener never sees the token', async () => {
    const assumed = await runCli(['assume', ROLE, 'ops', '--source-profile', 'source'], {
      env: home.env,
    });
    expect(assumed.code).toBe(0);
    // A stand-in xdg-open, found first on PATH: it records its arguments, then
    // does what a browser does with the URL it was given.
    const bin = mkdtempSync(join(tmpdir(), 'switchyard-opener-'));
    try {
      const log = join(bin, 'log.json');
      const opener = join(bin, 'xdg-open');
      writeFileSync(
        opener,
        [
          `#!${process.execPath}`,
          "const { writeFileSync } = require('node:fs');",
          'const argv = process.argv.slice(2);',
          "fetch(argv[0], { redirect: 'manual' }).then(",
          '  (r) => writeFileSync(process.env.OPENER_LOG, JSON.stringify({ argv, status: r.status, location: r.headers.get("location") })),',
          '  (e) => writeFileSync(process.env.OPENER_LOG, JSON.stringify({ argv, error: String(e) })),',
          ');',
        ].join('\n'),
      );
      chmodSync(opener, 0o755);
      const result = await runCli(['console', '--profile', 'ops', '--federated'], {
        env: { ...home.env, PATH: `${bin}${delimiter}${home.env.PATH}`, OPENER_LOG: log },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      for (let i = 0; i < 100 && !existsSync(log); i += 1) await sleep(50);
      const seen = JSON.parse(readFileSync(log, 'utf8')) as {
        argv: string[];
        status: number;
        location: string;
      };
      expect(seen.argv).toHaveLength(1);
      expect(seen.argv[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
      expect(seen.status).toBe(303);
      const login = new URL(seen.location);
      expect(login.origin + login.pathname).toBe(signin.baseUrl);
      const token = login.searchParams.get('SigninToken');
      expect(token).toBeTruthy();
      expect(JSON.stringify(seen.argv)).not.toContain(token);
      expect(JSON.stringify(seen.argv)).not.toContain('SigninToken');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
