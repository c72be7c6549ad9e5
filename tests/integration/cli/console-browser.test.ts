import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { runCli } from '../../support/run-cli';
import { startSigninServer, type SigninServer } from '../../support/signin-server';
import { useSourceRoleHome } from '../../support/source-role-home';
import { createStandInBrowsers, type StandInBrowsers } from '../../support/stand-in-browser';

const world = useSourceRoleHome();
let signin: SigninServer;
let browsers: StandInBrowsers;

beforeAll(async () => {
  signin = await startSigninServer({ sts: world.sts });
  browsers = createStandInBrowsers();
});
afterAll(async () => {
  browsers?.cleanup();
  await signin?.close();
});
beforeEach(() => browsers.reset());

/** Canaries in the environment: a browser must never inherit them. */
const CANARY = 'canary-secret-0123456789';

function cli(args: string[]) {
  return runCli(['console', ...args], {
    env: {
      ...world.home.env,
      PATH: browsers.path(world.home.env.PATH),
      BROWSER_LOG: browsers.log,
      SWITCHYARD_SIGNIN_ENDPOINT: signin.baseUrl,
      AWS_SECURITY_TOKEN: CANARY,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: CANARY,
    },
  });
}

function profileFolder(roleId: string): string {
  return join(world.home.switchyardConfigDir, 'browser-profiles', roleId);
}

const CHROMIUM_KINDS = [
  ['chrome', 'google-chrome'],
  ['chromium', 'chromium'],
  ['edge', 'microsoft-edge'],
  ['brave', 'brave-browser'],
  ['vivaldi', 'vivaldi'],
] as const;

describe('switchyard console <id|label> --browser', () => {
  it.each(CHROMIUM_KINDS)(
    '%s: its own --user-data-dir per role (0700), landing on the service page after the switch',
    async (kind, program) => {
      const result = await cli([
        'Dev admin',
        '--browser',
        kind,
        '--service',
        'ec2',
        '--region',
        'eu-west-1',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [run] = await browsers.runs(1);
      expect(run!.name).toBe(program);
      const folder = profileFolder(world.roleId);
      expect(run!.argv.slice(0, 2)).toEqual([`--user-data-dir=${folder}`, '--no-first-run']);
      const page = new URL(run!.argv[2]!);
      expect(page.origin + page.pathname).toBe('https://signin.aws.amazon.com/switchrole');
      expect(page.searchParams.get('redirect_uri')).toBe(
        'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
      );
      expect(run!.argv).toHaveLength(3);
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      expect(statSync(join(folder, '..')).mode & 0o777).toBe(0o700);
    },
  );

  it('gives two roles two profile folders', async () => {
    const ops = world.addRole('Ops', 'ops', 'ops');
    expect((await cli(['Dev admin', '--browser', 'chromium'])).code).toBe(0);
    expect((await cli([ops, '--browser', 'chromium'])).code).toBe(0);
    const runs = await browsers.runs(2);
    expect(runs.map((run) => run.argv[0])).toEqual([
      `--user-data-dir=${profileFolder(world.roleId)}`,
      `--user-data-dir=${profileFolder(ops)}`,
    ]);
  });

  it('firefox-container: one ext+container: link named after the role', async () => {
    const result = await cli(['Dev admin', '--browser', 'firefox-container', '--service', 's3']);
    expect(result.code).toBe(0);
    const [run] = await browsers.runs(1);
    expect(run!.name).toBe('firefox');
    expect(run!.argv).toHaveLength(1);
    const link = run!.argv[0]!;
    expect(link.startsWith('ext+container:')).toBe(true);
    const fields = Object.fromEntries(new URLSearchParams(link.slice('ext+container:'.length)));
    expect(fields).toMatchObject({ name: 'Dev admin', color: 'toolbar', icon: 'briefcase' });
    expect(new URL(fields.url!).searchParams.get('redirect_uri')).toBe(
      'https://console.aws.amazon.com/s3/home',
    );
  });

  it.each([...CHROMIUM_KINDS.map(([kind]) => kind), 'firefox-container', 'default'])(
    '%s: a federated sign-in reaches the browser only as a loopback redirect, and no credential in its environment',
    async (kind) => {
      expect((await world.cli(['activate', world.roleId])).code).toBe(0);
      const result = await cli([
        world.roleId,
        '--federated',
        '--browser',
        kind,
        '--service',
        'lambda',
        '--region',
        'us-west-2',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [run] = await browsers.runs(1);
      expect(run!.page).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
      expect(run!.status).toBe(303);
      const login = new URL(run!.location!);
      expect(login.origin + login.pathname).toBe(signin.baseUrl);
      expect(login.searchParams.get('Destination')).toBe(
        'https://us-west-2.console.aws.amazon.com/lambda/home?region=us-west-2',
      );
      const token = login.searchParams.get('SigninToken')!;
      expect(token.length).toBeGreaterThan(20);
      expect(run!.followedStatus).toBe(302);
      expect(JSON.stringify(run!.argv)).not.toContain(token);
      expect(JSON.stringify(run!.argv)).not.toContain('SigninToken');
      expect(JSON.stringify(run!.env)).not.toContain(CANARY);
      expect(JSON.stringify(run!.env)).not.toContain(token);
    },
  );

  it('uses the role setting, else the settings default, and --browser wins over both', async () => {
    const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
    try {
      catalog.updateSettings({ consoleBrowser: { browser: 'vivaldi' } });
      const ops = catalog.add({
        label: 'Ops',
        roleArn: 'arn:aws:iam::210987654321:role/ops',
        profile: 'ops',
        source: { kind: 'profile', profile: 'source' },
        console: { browser: 'brave', profileDirectory: 'Profile 3' },
      }).id;
      expect((await cli([ops])).code).toBe(0);
      expect((await cli(['Dev admin'])).code).toBe(0);
      expect((await cli(['Dev admin', '--browser', 'edge'])).code).toBe(0);
    } finally {
      catalog.close();
    }
    const runs = await browsers.runs(3);
    expect(runs.map((run) => [run.name, run.argv[0]])).toEqual([
      ['brave-browser', '--profile-directory=Profile 3'],
      ['vivaldi', `--user-data-dir=${profileFolder(world.roleId)}`],
      ['microsoft-edge', `--user-data-dir=${profileFolder(world.roleId)}`],
    ]);
  });

  it('takes the path of a browser program', async () => {
    const path = browsers.add('my-browser');
    expect((await cli(['Dev admin', '--browser', path])).code).toBe(0);
    const [run] = await browsers.runs(1);
    expect(run!.name).toBe('my-browser');
    expect(run!.argv[0]).toBe(`--user-data-dir=${profileFolder(world.roleId)}`);
  });

  it('notes the other roles it opened in the system browser (the console holds up to 5)', async () => {
    const ops = world.addRole('Ops', 'ops', 'ops');
    const first = await cli(['Dev admin']);
    expect(first.stderr).toBe('');
    const second = await cli([ops]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^switchyard: note: .*1 other role .*up to 5 identities.*\n$/);
    // A browser of its own per role shares nothing: no note.
    const third = await cli([ops, '--browser', 'chromium']);
    expect(third.stderr).toBe('');
    expect((await browsers.runs(3)).map((run) => run.name)).toEqual([
      'xdg-open',
      'xdg-open',
      'chromium',
    ]);
  });
});

describe('switchyard console <id|label> --print', () => {
  it('prints the URL for the system browser, the command line for another', async () => {
    const plain = await cli(['Dev admin', '--print', '--service', 'iam']);
    expect(plain.code).toBe(0);
    expect(new URL(plain.stdout.trim()).searchParams.get('redirect_uri')).toBe(
      'https://console.aws.amazon.com/iam/home',
    );
    const line = await cli(['Dev admin', '--print', '--browser', 'chromium']);
    expect(line.code).toBe(0);
    expect(line.stdout).toBe(
      `${browsers.bin}/chromium --user-data-dir=${profileFolder(world.roleId)} --no-first-run '${(
        await cli(['Dev admin', '--print'])
      ).stdout.trim()}'\n`,
    );
    expect(await browsers.runs(0)).toEqual([]);
  });

  it('refuses --print --federated with a browser, saying why (exit 2, one line)', async () => {
    expect((await world.cli(['activate', world.roleId])).code).toBe(0);
    const before = signin.issuedTokens;
    const result = await cli([world.roleId, '--federated', '--print', '--browser', 'chrome']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/never goes into a command line/);
    expect(signin.issuedTokens).toBe(before);
  });
});

describe('switchyard console <id|label>: bad input', () => {
  it('refuses a browser path that is a plain file or a folder', async () => {
    const plain = join(browsers.bin, 'notes.txt');
    writeFileSync(plain, 'not a program', { mode: 0o644 });
    for (const path of [plain, browsers.bin]) {
      const result = await cli(['Dev admin', '--browser', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `switchyard: --browser: "${path}" is not an executable file; give the full path of the browser program\n`,
      );
    }
  });

  it.each([
    [
      ['Dev admin', '--service', 'ec3'],
      /--service: "ec3" is not a console service.*did you mean ec2/,
    ],
    [['Dev admin', '--browser', 'netscape'], /--browser: "netscape" is not a browser/],
    [['Dev admin', '--browser', 'firefox'], /firefox-container/],
    [['Dev admin', '--region', 'cn-north-1'], /--region: cn-north-1 is in aws-cn, not aws/],
    [['Dev admin', '--region', 'moon-1'], /--region: "moon-1" is not a region code/],
    [['Dev admin', '--browser', '/nonexistent/chrome'], /is not an executable file/],
    [['Dev admin', '--browser', 'arc'], /arc was not found/],
    [['Nobody'], /no role has the id or label "Nobody"/],
    [['Dev admin', '--color', 'red'], /go with a role ARN or --profile/],
    [['arn:aws:iam::210987654321:role/x', '--service', 'ec2'], /go with a catalog role/],
  ])('%j: exit 2, one line, no browser', async (args, pattern) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(await browsers.runs(0)).toEqual([]);
  });
});
