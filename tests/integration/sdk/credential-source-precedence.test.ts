import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_SOURCE_KEYS } from '../../../electron/core/credentials/managed-profile-keys';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { findAwsCli, requireTool } from '../../support/tools';

/**
 * Why Switchyard refuses to write a profile that ~/.aws/config gives a
 * credential source: with the refusal forced, real clients ignore the keys
 * written to ~/.aws/credentials. botocore's order (env, assume-role, web
 * identity, SSO, shared credentials file, login, credential_process) is seen
 * through the AWS CLI; credential_process and login_session lose to our keys
 * there and in the JS SDK, and are refused for the Java SDK v2, which checks
 * them before static keys.
 */

const run = promisify(execFile);
const tools = requireTool('aws-cli-v2');
const OUR_KEY = 'ASIASWITCHYARDOURS01';
const PROCESS_KEY = 'AKIAPROCESSPROCESS01';

const PROFILES: Record<string, string> = {
  role: 'role_arn = arn:aws:iam::111111111111:role/x\ncredential_source = Environment',
  web: 'role_arn = arn:aws:iam::111111111111:role/x\nweb_identity_token_file = TOKEN',
  sso: 'sso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin',
  process: 'credential_process = PROCESS',
};

let home: TempAwsHome;

beforeAll(() => {
  home = createTempAwsHome();
  const dir = join(home.env.HOME as string, '.aws');
  const processPath = join(dir, 'creds.sh');
  writeFileSync(
    processPath,
    `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${PROCESS_KEY}","SecretAccessKey":"s"}'\n`,
    { mode: 0o700 },
  );
  writeFileSync(join(dir, 'token'), 'x'.repeat(40));
  const config = Object.entries(PROFILES)
    .map(([name, body]) => `[profile ${name}]\n${body}\n`)
    .join('\n')
    .replace('TOKEN', join(dir, 'token'))
    .replace('PROCESS', processPath);
  writeFileSync(
    home.env.AWS_CONFIG_FILE as string,
    `${config}\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`,
  );
  // What a forced write leaves: our session keys under each of those names.
  const credentials = Object.keys(PROFILES)
    .map(
      (name) =>
        `[${name}]\naws_access_key_id = ${OUR_KEY}\naws_secret_access_key = secret\n` +
        'aws_session_token = token\nx_switchyard_managed = true\n',
    )
    .join('\n');
  writeFileSync(home.env.AWS_SHARED_CREDENTIALS_FILE as string, credentials);
});
afterAll(() => home?.cleanup());

describe.skipIf(!tools.available)(`the AWS CLI v2 (botocore) ${tools.skipReason}`, () => {
  async function keyIdSeenBy(profile: string): Promise<string> {
    const args = ['configure', 'export-credentials', '--profile', profile, '--format', 'env'];
    const result = await run(findAwsCli()!.path, args, { env: home.env, timeout: 30_000 }).catch(
      (error: { stdout?: string; stderr?: string }) => error,
    );
    return /AWS_ACCESS_KEY_ID=(\S+)/.exec(result.stdout ?? '')?.[1] ?? 'error';
  }

  it.each(['role', 'web', 'sso'])('ignores our keys for a %s profile', async (profile) => {
    expect(await keyIdSeenBy(profile)).not.toBe(OUR_KEY);
  });

  it('uses our keys over credential_process (that refusal is for the Java SDK)', async () => {
    expect(await keyIdSeenBy('process')).toBe(OUR_KEY);
  });
});

describe('the JS SDK v3 (fromIni)', () => {
  async function keyIdSeenBy(profile: string): Promise<string> {
    const env = process.env;
    try {
      process.env = { ...home.env };
      return (await fromIni({ profile, ignoreCache: true })()).accessKeyId;
    } catch {
      return 'error';
    } finally {
      process.env = env;
    }
  }

  it('assumes a role_arn profile instead of using our keys', async () => {
    expect(await keyIdSeenBy('role')).not.toBe(OUR_KEY);
  });

  it.each(['web', 'sso', 'process'])('uses our keys for a %s profile', async (profile) => {
    expect(await keyIdSeenBy(profile)).toBe(OUR_KEY);
  });
});

it('the refused keys cover every credential source above', () => {
  const refused = CREDENTIAL_SOURCE_KEYS.map(([key]) => key);
  for (const body of Object.values(PROFILES)) {
    expect(body.split('\n').some((line) => refused.includes(line.split(' =')[0] ?? ''))).toBe(true);
  }
});
