import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type MotoServer } from '../../support/moto';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { findAwsCli, requireTool } from '../../support/tools';

const run = promisify(execFile);
const tools = requireTool('moto', 'aws-cli');

const CREDENTIALS = [
  '# shared build box',
  '[default]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
  '[legacy]   ',
  'aws_access_key_id=AKIALEGACYLEGACYLEG1',
  'aws_secret_access_key=legacylegacylegacylegacylegacylegacyleg1',
  'aws_session_token = tokentokentoken',
  'custom_key = kept',
  '',
].join('\n');
const CONFIG =
  '[default]\nregion = us-east-1\n\n[profile legacy]\nregion = eu-west-2\noutput = json\n';

describe.skipIf(!tools.available)(
  `assume against moto, checked with the AWS CLI ${tools.skipReason}`,
  () => {
    let moto: MotoServer;
    let home: TempAwsHome;
    let aws: string;

    beforeAll(async () => {
      moto = await startMoto();
      home = createTempAwsHome({
        credentials: CREDENTIALS,
        config: CONFIG,
        env: { AWS_ENDPOINT_URL_STS: moto.endpoint },
      });
      aws = findAwsCli()!.path;
    });
    afterAll(async () => {
      home?.cleanup();
      await moto?.stop();
    });

    async function awsCli(args: string[]): Promise<string> {
      const env = { ...home.env };
      delete env.AWS_ENDPOINT_URL_STS; // AWS CLI v2.9 predates it; pass --endpoint-url instead
      const { stdout } = await run(aws, args, { env, timeout: 30_000 });
      return stdout.trim();
    }

    it('writes a profile the AWS CLI resolves to the assumed role, leaving every other profile as it was', async () => {
      const role = 'arn:aws:iam::210987654321:role/crossaccount-tst-role';
      const result = await runCli(['assume', role, 'test-account', '--json'], { env: home.env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout) as { assumedRoleArn: string };
      expect(out.assumedRoleArn).toMatch(
        /^arn:aws:sts::210987654321:assumed-role\/crossaccount-tst-role\//,
      );

      const identity = JSON.parse(
        await awsCli([
          'sts',
          'get-caller-identity',
          '--profile',
          'test-account',
          '--endpoint-url',
          moto.endpoint,
          '--output',
          'json',
        ]),
      ) as { Arn: string; Account: string };
      expect(identity.Account).toBe('210987654321');
      expect(identity.Arn).toBe(out.assumedRoleArn);

      // The AWS CLI still reads every other value unchanged.
      expect(await awsCli(['configure', 'get', 'aws_access_key_id', '--profile', 'default'])).toBe(
        'AKIAIOSFODNN7EXAMPLE',
      );
      expect(await awsCli(['configure', 'get', 'aws_session_token', '--profile', 'legacy'])).toBe(
        'tokentokentoken',
      );
      expect(await awsCli(['configure', 'get', 'region', '--profile', 'legacy'])).toBe('eu-west-2');
      expect(home.readCredentials().startsWith(CREDENTIALS)).toBe(true);
      expect(home.readConfig()).toBe(CONFIG);
    });

    it('takes over a profile the seed script wrote with temporary keys, keeping its other keys', async () => {
      const role = 'arn:aws:iam::210987654321:role/other';
      const result = await runCli(['assume', role, 'legacy'], { env: home.env });
      expect(result.code).toBe(0);
      const identity = JSON.parse(
        await awsCli([
          'sts',
          'get-caller-identity',
          '--profile',
          'legacy',
          '--endpoint-url',
          moto.endpoint,
          '--output',
          'json',
        ]),
      ) as { Arn: string };
      expect(identity.Arn).toMatch(/assumed-role\/other\//);
      expect(await awsCli(['configure', 'get', 'custom_key', '--profile', 'legacy'])).toBe('kept');
      expect(home.readCredentials()).toMatch(/^# shared build box\n\[default\]\n/);
    });
  },
);
