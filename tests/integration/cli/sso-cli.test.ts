import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ssoTokenCachePath } from '../../../electron/core/sso/token-cache';
import { useIdentityCenter } from '../../support/identity-center/use-identity-center';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { pythonCommand, requireTool } from '../../support/tools';

const moto = requireTool('moto');

const START_URL = 'https://d-9067a1b2c3.awsapps.com/start';
const REGION = 'eu-west-1';

const fakes = useIdentityCenter({
  startUrl: START_URL,
  accounts: [
    ['111111111111', 'Billing', ['ReadOnly']],
    ['222222222222', 'Prod', ['Admin', 'ReadOnly']],
  ],
});
let aws: TempAwsHome;

beforeEach(() => {
  aws = createTempAwsHome({
    config: '# my config\n[profile keep]\nregion = us-east-1\n',
    env: { AWS_ENDPOINT_URL_SSO_OIDC: fakes.oidc.url, AWS_ENDPOINT_URL_SSO: fakes.portal.url },
  });
});
afterEach(() => aws.cleanup());

function cli(args: readonly string[]) {
  return runCli(args, { env: aws.env, timeoutMs: 60_000 });
}

/** Every secret the fakes handed out, for the leak check of everything printed. */
function expectNoSecret(text: string): void {
  for (const secret of fakes.oidc.issuedSecrets()) expect(text).not.toContain(secret);
}

describe('switchyard sso', () => {
  it('signs in with the device flow, shares the token with the AWS CLI cache, syncs, refreshes roles, and signs out', async () => {
    const login = await cli([
      'sso',
      'login',
      START_URL,
      '--region',
      REGION,
      '--session-name',
      'corp',
      '--no-browser',
      '--json',
    ]);
    expect(login.stderr).toContain('To sign in, open this page');
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({
      session: 'corp',
      region: REGION,
      flow: 'device',
    });
    // The session was added without touching anything else in the file.
    const config = readFileSync(aws.configPath, 'utf8');
    expect(config.startsWith('# my config\n[profile keep]\nregion = us-east-1\n')).toBe(true);
    expect(config).toMatch(
      /\[sso-session corp\]\nsso_start_url = https:\/\/d-9067a1b2c3\.awsapps\.com\/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n/,
    );
    expect(existsSync(ssoTokenCachePath('corp', aws.home))).toBe(true);
    const trail = await cli(['audit', '--json', '--event', 'sso-sign-in']);
    expect(trail.code, trail.stderr).toBe(0);
    expect(JSON.parse(trail.stdout)).toMatchObject({
      outcome: 'ok',
      by: 'cli:sso login',
      source: `sso-session:corp (${START_URL})`,
    });
    expectNoSecret(trail.stdout);

    const sessions = await cli(['sso', 'sessions', '--json']);
    expect(sessions.code, sessions.stderr).toBe(0);
    expect(JSON.parse(sessions.stdout)).toEqual([
      expect.objectContaining({
        name: 'corp',
        startUrl: START_URL,
        signedIn: true,
        refreshable: true,
      }),
    ]);

    const dry = await cli(['sso', 'sync', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).added).toHaveLength(3);
    expect(existsSync(`${aws.switchyardConfigDir}/catalog.json`)).toBe(false);

    const sync = await cli(['sso', 'sync']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).toContain('3 added');
    const list = JSON.parse((await cli(['roles', 'list', '--json'])).stdout) as {
      id: string;
      label: string;
      group: string;
    }[];
    expect(list.map((r) => r.label).sort()).toEqual([
      'Billing / ReadOnly',
      'Prod / Admin',
      'Prod / ReadOnly',
    ]);
    const admin = list.find((r) => r.label === 'Prod / Admin')!;
    expect(admin.group).toBe('Prod');

    // The role's session comes from GetRoleCredentials, written as its profile.
    const activate = await cli(['activate', admin.id, '--json']);
    expect(activate.code, activate.stderr).toBe(0);
    const credentials = readFileSync(aws.credentialsPath, 'utf8');
    const keyId = /aws_access_key_id = (\S+)/.exec(credentials)?.[1];
    expect(fakes.portal.issued(keyId ?? '')).toMatchObject({
      accountId: '222222222222',
      roleName: 'Admin',
    });

    // credential_process hands out the role's live session, as for every role.
    const processOut = await cli(['credential-process', admin.id]);
    expect(processOut.code, processOut.stderr).toBe(0);
    expect(JSON.parse(processOut.stdout)).toMatchObject({ Version: 1, AccessKeyId: keyId });

    // The token is revoked and cannot be refreshed: the role needs a sign-in, said once.
    fakes.tokens.revokeAll();
    fakes.oidc.expireRefreshTokens();
    const refresh = await cli(['refresh', admin.id, '--json']);
    expect(refresh.code).toBe(1);
    expect(refresh.stdout).toContain('needs-sign-in');
    expect(refresh.stderr).toMatch(/needs a sign-in to corp .*switchyard sso login --session corp/);
    // A fresh session for credential_process now needs the sign-in too, and says so.
    await cli(['deactivate', admin.id]);
    const refused = await cli(['credential-process', admin.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/needs a sign-in to corp .*switchyard sso login --session corp/);
    const status = await cli(['status', '--json']);

    const logout = await cli(['sso', 'logout']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(existsSync(ssoTokenCachePath('corp', aws.home))).toBe(false);
    for (const out of [
      login,
      sessions,
      dry,
      sync,
      activate,
      processOut,
      refresh,
      refused,
      status,
      logout,
    ]) {
      expectNoSecret(out.stdout + out.stderr);
    }
  });

  it.skipIf(!moto.available)(
    'botocore resolves credentials for an sso_session profile from the token Switchyard wrote',
    async () => {
      const login = await cli([
        'sso',
        'login',
        START_URL,
        '--region',
        REGION,
        '--session-name',
        'corp',
        '--no-browser',
      ]);
      expect(login.code, login.stderr).toBe(0);
      const script = [
        'import boto3, json',
        "c = boto3.Session(profile_name='dev').get_credentials().get_frozen_credentials()",
        "print(json.dumps({'key': c.access_key}))",
      ].join('\n');
      const config = `${readFileSync(aws.configPath, 'utf8')}[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\nregion = ${REGION}\n`;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(aws.configPath, config);
      const run = await promisify(execFile)(pythonCommand(), ['-c', script], {
        env: aws.env,
        timeout: 60_000,
      });
      const key = (JSON.parse(run.stdout) as { key: string }).key;
      expect(fakes.portal.issued(key)).toMatchObject({
        accountId: '111111111111',
        roleName: 'ReadOnly',
      });
    },
  );

  it('refuses bad input in one line and changes no file', async () => {
    const before = readFileSync(aws.configPath, 'utf8');
    const cases: [string[], RegExp][] = [
      [['sso', 'login', 'http://d-1.awsapps.com/start', '--region', REGION], /https/],
      [['sso', 'login', START_URL, '--region', 'moon-1'], /region/],
      [['sso', 'login', START_URL], /--region: missing/],
      [
        ['sso', 'login', START_URL, '--region', REGION, '--session-name', 'bad name'],
        /session-name/,
      ],
      [['sso', 'login', '--session', 'nope'], /no \[sso-session nope\]/],
      [['sso', 'sync', '--session', 'nope'], /no \[sso-session nope\]/],
      [['sso', 'frobnicate'], /unknown subcommand/],
    ];
    for (const [args, pattern] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(pattern);
    }
    expect(readFileSync(aws.configPath, 'utf8')).toBe(before);
  });
});
