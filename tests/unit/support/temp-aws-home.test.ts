import { existsSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const homes: TempAwsHome[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) h.cleanup();
});

describe('createTempAwsHome', () => {
  it('writes the given files 0600 and points the environment at them', () => {
    const home = createTempAwsHome({
      credentials: '[default]\naws_access_key_id = AKIAEXAMPLE\n',
      config: '[default]\nregion = eu-west-1\n',
    });
    homes.push(home);
    expect(home.readCredentials()).toBe('[default]\naws_access_key_id = AKIAEXAMPLE\n');
    expect(home.readConfig()).toBe('[default]\nregion = eu-west-1\n');
    expect(statSync(home.credentialsPath).mode & 0o777).toBe(0o600);
    expect(home.env).toMatchObject({
      HOME: home.home,
      AWS_SHARED_CREDENTIALS_FILE: home.credentialsPath,
      AWS_CONFIG_FILE: home.configPath,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      SWITCHYARD_CONFIG_DIR: home.switchyardConfigDir,
    });
    expect(home.switchyardConfigDir.startsWith(home.home)).toBe(true);
    expect(home.env.PATH).toBe(process.env.PATH);
  });

  it('leaves out files not given', () => {
    const home = createTempAwsHome();
    homes.push(home);
    expect(existsSync(home.credentialsPath)).toBe(false);
    expect(existsSync(home.configPath)).toBe(false);
    expect(home.readCredentials()).toBe('');
  });

  it('never inherits AWS_* variables', () => {
    const leaked = [
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_DEFAULT_REGION',
    ];
    const saved = leaked.map((k) => [k, process.env[k]] as const);
    for (const k of leaked) process.env[k] = 'leak';
    try {
      const home = createTempAwsHome({ env: { EXTRA: '1' } });
      homes.push(home);
      for (const k of leaked) expect(home.env[k]).toBeUndefined();
      const awsVars = Object.keys(home.env)
        .filter((k) => k.startsWith('AWS_'))
        .sort();
      expect(awsVars).toEqual([
        'AWS_CONFIG_FILE',
        'AWS_EC2_METADATA_DISABLED',
        'AWS_PAGER',
        'AWS_REGION',
        'AWS_SHARED_CREDENTIALS_FILE',
      ]);
      expect(home.env.EXTRA).toBe('1');
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('cleanup() removes everything and can run twice', () => {
    const home = createTempAwsHome({ credentials: '' });
    home.cleanup();
    home.cleanup();
    expect(existsSync(home.home)).toBe(false);
  });
});
