import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { eventually, killAllDaemons, startDaemon, stopDaemon } from '../../support/daemon';
import { startMoto, type MotoServer } from '../../support/moto';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { findAwsCli, pythonCommand, requireTool } from '../../support/tools';

const run = promisify(execFile);
const tools = requireTool('moto', 'aws-cli-v2');

const CREDENTIALS =
  '# mine\n[source]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const ROLE_ARN = 'arn:aws:iam::210987654321:role/endpoint-dev';

const BOTOCORE = `
import boto3, os
sts = boto3.client('sts', endpoint_url=os.environ['MOTO'], region_name='us-east-1')
print(sts.get_caller_identity()['Arn'])
print(boto3.Session().get_credentials().method)
`;

/**
 * `switchyard endpoint` against a real `switchyard daemon`: the AWS CLI v2 and
 * botocore, given only the two printed variables, reach moto as the role, and
 * the credentials file is never touched.
 */
describe.skipIf(!tools.available)(`switchyard endpoint ${tools.skipReason}`, () => {
  let moto: MotoServer;
  let home: TempAwsHome;
  let roleId: string;

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-cli.mjs'], { timeout: 120_000 });
    moto = await startMoto();
    home = createTempAwsHome({
      credentials: CREDENTIALS,
      env: { AWS_ENDPOINT_URL_STS: moto.endpoint, AWS_REGION: 'us-east-1' },
    });
    const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
    roleId = catalog.add({
      label: 'endpoint dev',
      roleArn: ROLE_ARN,
      profile: 'endpoint-dev',
      source: { kind: 'profile', profile: 'source' },
    }).id;
    catalog.close();
  });
  afterEach(() => killAllDaemons());
  afterAll(async () => {
    home?.cleanup();
    await moto?.stop();
  });

  /** The child's environment: nothing of Switchyard's home but the two variables. */
  function childEnv(variables: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...home.env, ...variables, MOTO: moto.endpoint };
    for (const key of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
      delete env[key];
    delete env.AWS_ENDPOINT_URL_STS;
    // Nothing else to fall back on: no credentials file for the child.
    env.AWS_SHARED_CREDENTIALS_FILE = join(home.home, 'no-credentials');
    return env;
  }

  it('prints the two variables; the AWS CLI and botocore get the role through them', async () => {
    const daemon = startDaemon(home.env);
    await daemon.waitFor(/refreshing 0 active role\(s\)/);
    const statePath = join(home.switchyardConfigDir, 'state.json');
    await eventually(() => readFileSync(statePath, 'utf8').includes('"endpoint"'), 'the endpoint');
    const before = readFileSync(home.credentialsPath);

    const printed = await runCli(['endpoint', 'endpoint dev'], { env: home.env });
    expect(printed.code).toBe(0);
    const lines = printed.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('=')[0])).toEqual([
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    ]);
    const variables = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(variables.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/role\//,
    );
    // Only the token's SHA-256 is stored.
    expect(
      readFileSync(statePath, 'utf8').includes(variables.AWS_CONTAINER_AUTHORIZATION_TOKEN!),
    ).toBe(false);

    const env = childEnv(variables);
    const { stdout } = await run(
      findAwsCli()!.path,
      ['sts', 'get-caller-identity', '--endpoint-url', moto.endpoint, '--output', 'json'],
      { env, timeout: 60_000 },
    );
    const arn = (JSON.parse(stdout) as { Arn: string }).Arn;
    expect(arn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/endpoint-dev\//);

    const boto = await run(pythonCommand(), ['-c', BOTOCORE], { env, timeout: 60_000 });
    const [botoArn, method] = boto.stdout.trim().split('\n');
    expect(botoArn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/endpoint-dev\//);
    expect(method).toBe('container-role');

    expect(readFileSync(home.credentialsPath).equals(before)).toBe(true);
    expect(daemon.output()).not.toContain(variables.AWS_CONTAINER_AUTHORIZATION_TOKEN!);

    const json = await runCli(['endpoint', roleId, '--json'], { env: home.env });
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual([
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    ]);

    const revoked = await runCli(['endpoint', '--revoke', 'endpoint dev', '--json'], {
      env: home.env,
    });
    expect(JSON.parse(revoked.stdout)).toEqual({ revoked: 2 });
    const refused = await run(
      findAwsCli()!.path,
      ['sts', 'get-caller-identity', '--endpoint-url', moto.endpoint, '--output', 'json'],
      { env, timeout: 60_000 },
    ).catch((error: { code?: number }) => error);
    expect((refused as { code?: number }).code).not.toBe(0);
    await stopDaemon(daemon);
  });

  it('says what to do when no refresher runs, and checks its arguments', async () => {
    const none = await runCli(['endpoint', roleId], { env: home.env });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /no refresher serves the credential endpoint; start the tray app or `switchyard daemon`/,
    );
    expect(none.stdout).toBe('');
    const unknown = await runCli(['endpoint', 'nope'], { env: home.env });
    expect(unknown.code).toBe(2);
    expect((await runCli(['endpoint', '--all'], { env: home.env })).code).toBe(2);
    expect((await runCli(['endpoint', '--revoke'], { env: home.env })).code).toBe(2);
    const all = await runCli(['endpoint', '--revoke', '--all', '--json'], { env: home.env });
    expect(JSON.parse(all.stdout)).toEqual({ revoked: 0 });
  });
});
