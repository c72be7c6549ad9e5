/**
 * `switchyard assume` in a container (the seed's own CodeBuild job): no keys in
 * the environment or the files, AWS_CONTAINER_CREDENTIALS_FULL_URI and a token
 * set. It reads the container stand-in itself and signs AssumeRole to the fault
 * STS server in process (no SDK), with the container's temporary keys.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn } from '../../../shared/role-arn';
import {
  startContainerCredentialsServer,
  type ContainerCredentialsServer,
} from '../../support/container-credentials-server';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const ROLE = parseRoleArn('arn:aws:iam::210987654321:role/deploy');
const TOKEN = 'codebuild-token-1234';
let sts: FaultStsServer;
let container: ContainerCredentialsServer;
let home: TempAwsHome;

beforeAll(async () => {
  sts = await startFaultStsServer();
  const user = sts.createUser('arn:aws:iam::123456789012:user/codebuild');
  container = await startContainerCredentialsServer({
    token: TOKEN,
    credentials: {
      ...user,
      sessionToken: `IQoJ${randomBytes(60).toString('base64')}`,
      expiration: new Date(Date.now() + 3_600_000),
    },
  });
  home = createTempAwsHome({
    config: '[default]\nregion = us-east-1\n',
    env: {
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: container.url,
    },
  });
});
afterAll(async () => {
  await sts.close();
  await container.close();
  home.cleanup();
});

const last = () => sts.requests.at(-1);

describe('switchyard assume with container credentials', () => {
  it('reads the endpoint itself and signs with its keys and token', async () => {
    const run = await runCli(['assume', ROLE.arn, 'from-container', '--json'], {
      env: { ...home.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(home.readCredentials()).toMatch(/\[from-container\][^[]*aws_session_token/);
    expect(last()).toMatchObject({
      accessKeyId: container.credentials.accessKeyId,
      sessionTokenSent: true,
      status: 200,
    });
    expect(last()?.userAgent?.split('/')[0]).toBe('switchyard');
    expect(container.requests.at(-1)).toMatchObject({ tokenMatched: true, status: 200 });
    // Container keys are temporary: a chained session, as the SDK would say.
    expect(JSON.parse(run.stdout)).toMatchObject({ chained: true });
  });

  it('with AWS_PROFILE set, the SDK walks its own chain to the same endpoint', async () => {
    const run = await runCli(['assume', ROLE.arn, 'via-sdk'], {
      env: { ...home.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN, AWS_PROFILE: 'default' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(last()).toMatchObject({ accessKeyId: container.credentials.accessKeyId });
    expect(last()?.userAgent?.split('/')[0]).not.toBe('switchyard');
  });

  it('a refused token fails in one line naming the setting, with nothing written', async () => {
    const before = sts.requests.length;
    const run = await runCli(['assume', ROLE.arn, 'refused'], { env: home.env });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/AWS_CONTAINER_CREDENTIALS_FULL_URI.*HTTP 401/);
    expect(home.readCredentials()).not.toContain('[refused]');
    expect(sts.requests.length).toBe(before);
  });
});
