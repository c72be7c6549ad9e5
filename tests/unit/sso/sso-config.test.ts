import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  parseSsoConfig,
  readSsoConfig,
  readSsoProfiles,
  readSsoSessions,
} from '../../../electron/core/sso/sso-config';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const URL_A = 'https://d-1234567890.awsapps.com/start';
const URL_B = 'https://my-org.awsapps.com/start/#/';

const CONFIG = [
  '# my config',
  '[default]',
  'region = eu-west-1',
  '',
  '[sso-session corp]',
  `sso_start_url = ${URL_A}`,
  'SSO_Region = eu-west-1',
  'sso_registration_scopes = sso:account:access, ,other:scope',
  '',
  "[sso-session 'quoted']",
  `sso_start_url=${URL_B}`,
  'sso_region=us-east-1',
  '',
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = Admin',
  'region = us-west-2',
  '',
  '[profile legacy]',
  `sso_start_url = ${URL_B}`,
  'sso_region = us-east-1',
  'sso_account_id = 444455556666',
  'sso_role_name = ReadOnly',
  '',
  '[profile token-only]',
  'sso_session = corp',
  '',
  '[profile keys]',
  'aws_access_key_id = AKIA...',
].join('\r\n');

describe('parseSsoConfig', () => {
  it('reads sessions and SSO profiles, new and legacy form', () => {
    const config = parseSsoConfig(CONFIG);
    expect(config.sessions).toEqual([
      {
        name: 'corp',
        startUrl: URL_A,
        region: 'eu-west-1',
        scopes: ['sso:account:access', 'other:scope'],
      },
      { name: 'quoted', startUrl: URL_B, region: 'us-east-1', scopes: [] },
    ]);
    expect(config.profiles).toEqual([
      {
        profile: 'dev',
        session: 'corp',
        startUrl: URL_A,
        region: 'eu-west-1',
        accountId: '111122223333',
        roleName: 'Admin',
      },
      {
        profile: 'legacy',
        startUrl: URL_B,
        region: 'us-east-1',
        accountId: '444455556666',
        roleName: 'ReadOnly',
      },
    ]);
    expect(config.problems).toEqual([]);
  });

  it('keeps the start URL exactly as written (the legacy cache file is named by it)', () => {
    const [session] = parseSsoConfig(CONFIG).sessions.filter((s) => s.name === 'quoted');
    expect(session?.startUrl).toBe(URL_B);
  });

  it.each([
    [
      'a session without a region',
      `[sso-session s]\nsso_start_url = ${URL_A}\n`,
      'sso-session s',
      'sso_region is not set; add it',
    ],
    [
      'a session without anything',
      '[sso-session s]\n',
      'sso-session s',
      'sso_start_url and sso_region are not set',
    ],
    [
      'an http start URL',
      '[sso-session s]\nsso_start_url = http://x.awsapps.com/start\nsso_region = eu-west-1\n',
      'sso-session s',
      'sso_start_url: uses http, not https',
    ],
    [
      'a bad region',
      `[sso-session s]\nsso_start_url = ${URL_A}\nsso_region = Europe\n`,
      'sso-session s',
      'sso_region: "Europe" is not a region code',
    ],
    [
      'a session defined twice',
      `[sso-session s]\nsso_region = eu-west-1\n[sso-session s]\nsso_start_url = ${URL_A}\n`,
      'sso-session s',
      'defined 2 times, which the AWS CLI refuses',
    ],
    [
      'a key set twice',
      `[sso-session s]\nsso_region = eu-west-1\nSSO_REGION = eu-west-2\nsso_start_url = ${URL_A}\n`,
      'sso-session s',
      '"sso_region" is set twice',
    ],
    ['a session without a name', '[sso-session]\n', 'sso-session', 'session name is missing'],
    [
      'a name the SDKs drop',
      '[sso-session a b]\n',
      'sso-session a b',
      'characters the AWS SDKs do not read',
    ],
    [
      'a profile naming an unknown session',
      '[profile p]\nsso_session = nope\nsso_account_id = 111122223333\nsso_role_name = R\n',
      'profile p',
      'its sso_session "nope" has no usable [sso-session nope] section',
    ],
    [
      'a profile contradicting its session',
      `[sso-session s]\nsso_start_url = ${URL_A}\nsso_region = eu-west-1\n[profile p]\nsso_session = s\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = R\n`,
      'profile p',
      'its sso_region differs from the one of sso-session s',
    ],
    [
      'a legacy profile without a region',
      `[profile p]\nsso_start_url = ${URL_A}\nsso_account_id = 111122223333\nsso_role_name = R\n`,
      'profile p',
      'it is missing sso_region; set it',
    ],
    [
      'a role without an account',
      `[sso-session s]\nsso_start_url = ${URL_A}\nsso_region = eu-west-1\n[profile p]\nsso_session = s\nsso_role_name = R\n`,
      'profile p',
      'it is missing sso_account_id',
    ],
    [
      'a short account ID',
      `[default]\nsso_start_url = ${URL_A}\nsso_region = eu-west-1\nsso_account_id = 1234\nsso_role_name = R\n`,
      'default',
      'not a 12-digit account ID',
    ],
    [
      'a role name with a space',
      `[profile p]\nsso_start_url = ${URL_A}\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Read Only\n`,
      'profile p',
      'its sso_role_name is not a role name',
    ],
  ])('reports %s in one line and leaves it out', (_, text, section, reason) => {
    const config = parseSsoConfig(text);
    expect(config.problems).toHaveLength(1);
    expect(config.problems[0]?.section).toBe(section);
    expect(config.problems[0]?.reason).toContain(reason);
    expect(config.problems[0]?.reason).not.toMatch(/[\r\n]/);
    expect(config.profiles.filter((p) => p.profile === 'p')).toEqual([]);
  });

  it('accepts a profile that repeats its session values the same way', () => {
    const text = `[sso-session s]\nsso_start_url = ${URL_A}\nsso_region = eu-west-1\n[profile p]\nsso_session = s\nsso_start_url = ${URL_A}/\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = R\n`;
    expect(parseSsoConfig(text).profiles).toHaveLength(1);
  });
});

describe('readSsoConfig', () => {
  let aws: TempAwsHome;
  beforeEach(() => {
    aws = createTempAwsHome({ config: CONFIG });
  });
  afterEach(() => aws.cleanup());

  it('reads the file', async () => {
    expect((await readSsoSessions(aws.configPath)).map((s) => s.name)).toEqual(['corp', 'quoted']);
    expect((await readSsoProfiles(aws.configPath)).map((p) => p.profile)).toEqual([
      'dev',
      'legacy',
    ]);
  });

  it('has nothing in a missing file', async () => {
    expect(await readSsoConfig(join(aws.home, 'none'))).toEqual({
      sessions: [],
      profiles: [],
      problems: [],
    });
  });

  it('refuses a FIFO in one line without waiting on it', async () => {
    const fifo = join(aws.home, 'fifo-config');
    execFileSync('mkfifo', ['-m', '0600', fifo]);
    await expect(readSsoConfig(fifo)).rejects.toThrow(/named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a file that is not UTF-8 in one line', async () => {
    const latin1 = join(aws.home, 'latin1');
    writeFileSync(latin1, Buffer.from('[sso-session caf\xe9]\n', 'latin1'));
    await expect(readSsoConfig(latin1)).rejects.toThrow(/is not valid UTF-8 text \(line 1\)/);
  });

  it.skipIf(process.getuid?.() === 0)('says an unreadable file is unreadable', async () => {
    const dir = join(aws.home, 'locked');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config'), CONFIG);
    chmodSync(dir, 0o000);
    await expect(readSsoConfig(join(dir, 'config'))).rejects.toThrow(/permission denied/);
    chmodSync(dir, 0o700);
  });
});
