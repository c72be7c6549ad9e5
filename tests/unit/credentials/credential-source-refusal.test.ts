import { describe, expect, it } from 'vitest';
import { CredentialsFileError } from '../../../electron/core/credentials/credentials-file';
import { CREDENTIAL_SOURCE_KEYS } from '../../../electron/core/credentials/managed-profile-keys';
import { managedSection, putChange, setupFiles } from './helpers/credentials-setup';
import { useTempDirs } from './helpers/temp-dirs';

const tempDir = useTempDirs();
const USER = '# mine\n[base]\nregion = us-east-1\n';

/** Refused like a role_arn profile: the write changes nothing and names the key and the fix. */
async function expectRefusedFor(config: string, credentials: string, profile: string, key: string) {
  // (An empty config file written just now would cost the 2 s fresh-empty wait.)
  const setup = await setupFiles(await tempDir(), { credentials, config: config || undefined });
  const result = await setup.file.apply([putChange(profile, 'a')]);
  expect(result.written).toBe(false);
  expect(result.rejected).toHaveLength(1);
  const reason = result.rejected[0]?.reason ?? '';
  expect(result.rejected[0]?.code).toBe('refused-role-profile');
  expect(reason).toContain(`profile "${profile}" is defined with ${key} in `);
  expect(reason).toMatch(/ignore credentials written here\. Pick another profile name/);
  expect(reason).not.toContain('\n');
  expect(await setup.read()).toBe(credentials);
  const error = await setup.file.checkWritable(profile).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CredentialsFileError);
  expect((error as Error).message).toBe(reason);
  return setup;
}

describe('CredentialsFile: profiles that get their credentials some other way', () => {
  it.each(CREDENTIAL_SOURCE_KEYS.map(([key]) => key))(
    'refuses a config profile with %s, and writes it with force',
    async (key) => {
      const config = `[sso-session corp]\nsso_region = eu-west-1\n\n[profile dev]\nregion = eu-west-1\n${key} = x\n`;
      const setup = await expectRefusedFor(config, USER, 'dev', key);
      expect((await setup.file.checkWritable('dev', true).catch((e: unknown) => e)) ?? 'ok').toBe(
        'ok',
      );
      const forced = await setup.file.apply([putChange('dev', 'a', true)]);
      expect(forced.written).toBe(true);
      expect(await setup.read()).toBe(`${USER}\n${managedSection('dev', 'a')}`);
    },
  );

  it('refuses a credentials section that has credential_process itself', async () => {
    const credentials = `${USER}\n[tool]\ncredential_process = /bin/creds\n`;
    await expectRefusedFor('', credentials, 'tool', 'credential_process');
  });

  it('counts a key set to an empty value (the SDKs test presence)', async () => {
    await expectRefusedFor('[profile dev]\nsso_session =\n', USER, 'dev', 'sso_session');
  });

  it('refuses [default] and names the first key in precedence order', async () => {
    const setup = await expectRefusedFor(
      '[default]\ncredential_process = /bin/creds\nsso_account_id = 1\n',
      USER,
      'default',
      'sso_account_id',
    );
    const reason = (await setup.file.apply([putChange('default')])).rejected[0]?.reason;
    expect(reason).toMatch(/\(\[default\]\); the AWS CLI and SDKs would sign in through SSO/);
  });

  it('lets a profile be written when only an sso-session section or another profile has them', async () => {
    const config =
      '[sso-session dev]\nsso_start_url = https://x.awsapps.com/start\n\n' +
      '[profile other]\ncredential_process = /bin/creds\n\n[profile dev]\nregion = eu-west-1\n';
    const setup = await setupFiles(await tempDir(), { credentials: USER, config });
    const result = await setup.file.apply([putChange('dev', 'a')]);
    expect(result).toEqual({ written: true, applied: ['dev'], rejected: [] });
  });
});
