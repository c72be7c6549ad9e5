import { describe, expect, it } from 'vitest';
import { containerSource } from '../../../electron/core/sts/container-source';
import { parseSdkIni, type SharedConfigFiles } from '../../../electron/core/sts/sdk-shared-config';

const URI = { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/task' };
const files = (credentials = '', config = ''): SharedConfigFiles => ({
  credentialsFile: parseSdkIni(credentials),
  configFile: parseSdkIni(config),
});

describe('containerSource: only where the default chain would reach the container', () => {
  it('no other source: the container endpoint', () => {
    const found = containerSource({
      sourceProfile: undefined,
      env: URI,
      files: files('', '[default]\nregion = eu-west-1\noutput = json\n'),
    });
    expect(found?.url.href).toBe('http://169.254.170.2/v2/credentials/task');
  });

  it.each([
    ['a named source profile', { sourceProfile: 'ci' }, {}, files()],
    ['AWS_PROFILE', {}, { AWS_PROFILE: 'default' }, files()],
    ['an access key in the environment', {}, { AWS_ACCESS_KEY_ID: 'AKIA' }, files()],
    [
      'web identity in the environment',
      {},
      { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn' },
      files(),
    ],
    ['a default profile with keys', {}, {}, files('[default]\naws_access_key_id = A\n')],
    ['a default role profile', {}, {}, files('', '[default]\nrole_arn = arn\n')],
    ['a default credential_process', {}, {}, files('', '[default]\ncredential_process = x\n')],
    ['a default SSO profile', {}, {}, files('', '[default]\nsso_session = corp\n')],
  ])('%s comes first: the SDK decides', (_, inputs, env, shared) => {
    expect(
      containerSource({
        sourceProfile: undefined,
        ...inputs,
        env: { ...URI, ...env },
        files: shared,
      }),
    ).toBeUndefined();
  });
});
