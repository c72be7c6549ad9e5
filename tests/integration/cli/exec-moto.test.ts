/**
 * `switchyard exec` against moto with real children: the AWS CLI v2 and
 * botocore see the assumed role, the credentials file is byte-identical
 * afterwards, and the child's environment holds the session and no long-term
 * key, whatever the parent had inherited (AWS_PROFILE, a user's keys).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { startMoto, type MotoServer } from '../../support/moto';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { findAwsCli, pythonCommand, requireTool } from '../../support/tools';

const tools = requireTool('moto', 'aws-cli-v2');

const SOURCE_KEY = 'AKIAIOSFODNN7EXECSRC';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXECSOURCE=';
const INHERITED_KEY = 'AKIAIOSFODNN7INHERIT';
const INHERITED_SECRET = 'inherited/secret+value=inherited/secret+v';
const USER_FILE = `# mine\n[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;
const ROLE_ARN = 'arn:aws:iam::210987654321:role/exec-target';

/** Prints the child's AWS_* and SWITCHYARD_* environment as JSON into a file given as argv[1]. */
const DUMP_ENV =
  "import json,os,sys; json.dump({k:v for k,v in os.environ.items() if k.startswith(('AWS_','SWITCHYARD_'))}, open(sys.argv[1],'w'))";

describe.skipIf(!tools.available)(`exec against moto ${tools.skipReason}`, () => {
  let moto: MotoServer;
  let home: TempAwsHome;
  let roleId: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  beforeEach(() => {
    home?.cleanup();
    home = createTempAwsHome({
      credentials: USER_FILE,
      env: { AWS_ENDPOINT_URL_STS: moto.endpoint },
    });
    const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
    try {
      roleId = catalog.add({
        label: 'Exec target',
        roleArn: ROLE_ARN,
        profile: 'exec-target',
        region: 'eu-west-1',
        source: { kind: 'profile', profile: 'source' },
      }).id;
    } finally {
      catalog.close();
    }
    // What a user's shell may carry: all of it must be gone in the child.
    env = {
      ...home.env,
      AWS_PROFILE: 'source',
      AWS_DEFAULT_PROFILE: 'source',
      AWS_ACCESS_KEY_ID: INHERITED_KEY,
      AWS_SECRET_ACCESS_KEY: INHERITED_SECRET,
      AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/other',
    };
  });
  afterAll(() => home?.cleanup());

  function childEnv(path: string): Record<string, string> {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  }

  function expectNoLongTermKey(seen: Record<string, string>): void {
    const values = Object.values(seen);
    for (const secret of [SOURCE_KEY, SOURCE_SECRET, INHERITED_KEY, INHERITED_SECRET]) {
      expect(values.includes(secret)).toBe(false);
    }
    expect(Object.keys(seen).sort()).toEqual(
      [
        'AWS_ACCESS_KEY_ID',
        'AWS_CONFIG_FILE',
        'AWS_CREDENTIAL_EXPIRATION',
        'AWS_DEFAULT_REGION',
        'AWS_EC2_METADATA_DISABLED',
        'AWS_ENDPOINT_URL_STS',
        'AWS_PAGER',
        'AWS_REGION',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_SHARED_CREDENTIALS_FILE',
        'SWITCHYARD_CONFIG_DIR',
        'SWITCHYARD_ROLE',
      ].sort(),
    );
    expect(seen.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(seen.AWS_REGION).toBe('eu-west-1');
    expect(seen.AWS_DEFAULT_REGION).toBe('eu-west-1');
    expect(seen.SWITCHYARD_ROLE).toBe('Exec target');
    expect(new Date(seen.AWS_CREDENTIAL_EXPIRATION!).getTime()).toBeGreaterThan(Date.now());
  }

  it('runs the AWS CLI v2 as the assumed role, with a fresh session, writing nothing', async () => {
    const before = readFileSync(home.credentialsPath);
    const aws = findAwsCli()!.path;
    const result = await runCli(
      [
        'exec',
        'Exec target',
        '--no-endpoint',
        '--',
        aws,
        'sts',
        'get-caller-identity',
        '--endpoint-url',
        moto.endpoint,
        '--output',
        'json',
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const identity = JSON.parse(result.stdout) as { Arn: string };
    expect(identity.Arn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/exec-target\//);
    expect(readFileSync(home.credentialsPath).equals(before)).toBe(true);

    const dump = join(home.home, 'env.json');
    const seen = await runCli(
      ['exec', roleId, '--no-endpoint', '--', pythonCommand(), '-c', DUMP_ENV, dump],
      {
        env,
        timeoutMs: 60_000,
      },
    );
    expect(seen.code).toBe(0);
    expectNoLongTermKey(childEnv(dump));
    expect(readFileSync(home.credentialsPath).equals(before)).toBe(true);
  });

  it('runs botocore as the assumed role from the live session (endpoint asked first, none serves)', async () => {
    const activated = await runCli(['activate', roleId], { env: home.env, timeoutMs: 60_000 });
    expect(activated.code).toBe(0);
    const before = readFileSync(home.credentialsPath);
    const script = [
      'import boto3,sys',
      `print(boto3.client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])`,
    ].join('\n');
    const result = await runCli(
      ['exec', roleId, '--', pythonCommand(), '-c', script, moto.endpoint],
      {
        env,
        timeoutMs: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^arn:aws:sts::210987654321:assumed-role\/exec-target\//);

    // The child's keys are the live session's, read from the file, which is unchanged.
    const dump = join(home.home, 'env.json');
    expect(
      (await runCli(['exec', roleId, '--', pythonCommand(), '-c', DUMP_ENV, dump], { env })).code,
    ).toBe(0);
    const seen = childEnv(dump);
    expectNoLongTermKey(seen);
    expect(home.readCredentials()).toContain(
      `aws_secret_access_key = ${seen.AWS_SECRET_ACCESS_KEY}\n`,
    );
    expect(readFileSync(home.credentialsPath).equals(before)).toBe(true);
  });
});
