import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli, type RunResult } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

/** Messages a user can act on: each is one line on stderr, says what is wrong and what to do. */

const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const USER_FILE = `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;
const ROLE = 'arn:aws:iam::210987654321:role/deploy';

let sts: FaultStsServer;
let home: TempAwsHome;
beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
});
afterAll(async () => {
  await sts.close();
});
beforeEach(() => {
  home = createTempAwsHome({
    credentials: USER_FILE,
    config: '[profile cfg-only]\nregion = eu-west-1\n',
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
});
afterEach(() => {
  sts.setClockOffset(0);
  home.cleanup();
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<RunResult> {
  return runCli(args, { env: { ...home.env, ...env }, ...(cwd ? { cwd } : {}) });
}

function expectOneLine(result: RunResult): void {
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('a --source-profile that does not exist', () => {
  it('says so, naming both files and the profiles there, before any STS call (exit 2)', async () => {
    const calls = sts.requests.length;
    const result = await cli(['assume', ROLE, 'p', '--source-profile', 'nope']);
    expect(result.code).toBe(2);
    expectOneLine(result);
    expect(result.stderr).toBe(
      `switchyard: --source-profile: no profile "nope" in ${home.credentialsPath} or ${home.configPath} (profiles there: source, cfg-only); name an existing profile, or create it with \`aws configure --profile nope\`\n`,
    );
    expect(sts.requests.length).toBe(calls);
    expect(home.readCredentials()).toBe(USER_FILE);
  });

  it('accepts a profile only the config file defines', async () => {
    const result = await cli(['assume', ROLE, 'p', '--source-profile', 'cfg-only']);
    expect(result.stderr).not.toMatch(/no profile/);
  });

  it('console --federated --profile says so too', async () => {
    const result = await cli(['console', '--profile', 'nope', '--federated', '--print']);
    expect(result.code).toBe(2);
    expectOneLine(result);
    expect(result.stderr).toMatch(/^switchyard: --profile: no profile "nope" in /);
  });
});

describe('an expired session reads "expired", never "in expired"', () => {
  it('in the text assume prints', async () => {
    // The server's clock is two hours behind: the session it issues has already expired.
    sts.setClockOffset(-2 * 3600_000);
    const result = await cli(['assume', ROLE, 'p', '--source-profile', 'source']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^expires {7}\S+ \(expired\)$/m);
    expect(result.stdout).not.toContain('in expired');
  });

  it('in the status table', async () => {
    const catalogRole = await cli([
      'roles',
      'add',
      '--label',
      'Deploy',
      '--role-arn',
      ROLE,
      '--profile',
      'deploy',
      '--source-profile',
      'source',
    ]);
    expect(catalogRole.code, catalogRole.stderr).toBe(0);
    sts.setClockOffset(-2 * 3600_000);
    await cli(['activate', 'Deploy']);
    const status = await cli(['status']);
    // Not "EXPIRES IN … expired": the column is EXPIRES, its values "in 42m" or "expired".
    expect(status.stdout.split('\n')[0]).toBe('ROLE    PROFILE  STATE    EXPIRES');
    expect(status.stdout).toMatch(/^Deploy +deploy +expired +expired/m);
  });
});

describe('SWITCHYARD_CONFIG_DIR with a leading ~/', () => {
  it('is the home folder, not a folder named "~"', async () => {
    const cwd = join(home.home, 'work');
    mkdirSync(cwd);
    const added = await cli(
      ['roles', 'add', '--label', 'Deploy', '--role-arn', ROLE, '--profile', 'deploy'],
      { SWITCHYARD_CONFIG_DIR: '~/sy-config' },
      cwd,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(existsSync(join(home.home, 'sy-config', 'catalog.json'))).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
    const listed = await cli(['roles', 'list', '--json'], { SWITCHYARD_CONFIG_DIR: '~/sy-config' });
    expect((JSON.parse(listed.stdout) as { label: string }[]).map((r) => r.label)).toEqual([
      'Deploy',
    ]);
  });
});

describe('roles export to a folder', () => {
  it.each([[[]], [['--force']]])(
    'is a one-line error (exit 2) with %j, and the folder is untouched',
    async (extra) => {
      const folder = join(home.home, 'exports');
      mkdirSync(folder);
      writeFileSync(join(folder, 'keep.txt'), 'mine');
      const link = join(home.home, 'exports-link');
      symlinkSync(folder, link);
      for (const target of [folder, `${folder}/`, link]) {
        const result = await cli(['roles', 'export', target, ...extra]);
        expect(result.code, target).toBe(2);
        expectOneLine(result);
        expect(result.stderr).toMatch(
          /is a folder; name a file to export to, such as .*switchyard-roles\.json$/m,
        );
        expect(result.stderr).not.toMatch(/--force/);
      }
      expect(readdirSync(folder)).toEqual(['keep.txt']);
    },
  );
});

describe("multi-line warnings (the AWS SDK's, Node's)", () => {
  it('reach stderr as one line each', async () => {
    // Common on corporate laptops; Node warns in two lines on the first TLS connection.
    const result = await cli(['assume', ROLE, 'p', '--source-profile', 'source'], {
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      AWS_ENDPOINT_URL_STS: 'https://127.0.0.1:9',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      "switchyard: warning: Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections and HTTPS requests insecure by disabling certificate verification.",
      expect.stringMatching(/^switchyard: network error talking to STS \(ECONNREFUSED\)/),
      '',
    ]);
  });

  it('the SDK path under any Node version prints no NodeVersionSupportWarning', async () => {
    writeFileSync(
      home.configPath,
      `[profile chained]\nrole_arn = ${ROLE}\nsource_profile = source\n`,
    );
    const result = await cli(['assume', ROLE, 'p', '--source-profile', 'chained']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('file-system errors', () => {
  it('name the file in one line', async () => {
    const blocker = join(home.home, 'not-a-folder');
    writeFileSync(blocker, '');
    const result = await cli(['assume', ROLE, 'p', '--source-profile', 'source'], {
      AWS_SHARED_CREDENTIALS_FILE: join(blocker, 'credentials'),
    });
    expect(result.code).not.toBe(0);
    expectOneLine(result);
    expect(result.stderr).toContain(join(blocker, 'credentials'));
  });
});
