import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome({ credentials: '' });
});
afterEach(() => {
  home.cleanup();
});

const WARNING =
  'is plain http to a non-loopback host (sts.corp.example:8080); session credentials cross the network unencrypted';

describe('a plain-http STS endpoint to another machine', () => {
  it.each(['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'])(
    '%s gets one warning line on stderr, and the command still runs',
    async (name) => {
      const result = await runCli(['status', '--json'], {
        env: { ...home.env, [name]: 'http://sts.corp.example:8080/' },
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('[]\n');
      expect(result.stderr).toBe(`switchyard: warning: ${name} ${WARNING}\n`);
    },
  );

  it('is the endpoint in effect: an https AWS_ENDPOINT_URL_STS overrides a plain AWS_ENDPOINT_URL', async () => {
    const result = await runCli(['status', '--json'], {
      env: {
        ...home.env,
        AWS_ENDPOINT_URL_STS: 'https://sts.corp.example',
        AWS_ENDPOINT_URL: 'http://sts.corp.example:8080',
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('no warning for loopback or https endpoints', async () => {
    const endpoints = [
      'http://127.0.0.1:4566',
      'http://localhost:4566',
      'http://[::1]:4566',
      'https://sts.corp.example',
    ];
    const results = await Promise.all(
      endpoints.map((endpoint) =>
        runCli(['status', '--json'], { env: { ...home.env, AWS_ENDPOINT_URL_STS: endpoint } }),
      ),
    );
    for (const result of results) expect([result.code, result.stderr]).toEqual([0, '']);
  });
});
