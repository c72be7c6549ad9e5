/**
 * The container credentials endpoint (CodeBuild, ECS, EKS Pod Identity) read by
 * Switchyard's own client, against the in-repo stand-in: the SDK's URL rules,
 * the token from the environment or a file read each time, retries, and faults
 * (500, no answer, a body that is not JSON, 401 without a token). Interop: the
 * SDK's own provider and botocore read the same stand-in and get the same keys.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  containerEndpoint,
  fetchContainerCredentials,
  type ContainerEndpoint,
} from '../../../electron/core/sts/container-credentials';
import {
  startContainerCredentialsServer,
  type ContainerCredentialsServer,
} from '../../support/container-credentials-server';
import { cleanEnv } from '../../support/temp-aws-home';

const TOKEN = 'container-token-c0ffee';
let server: ContainerCredentialsServer;
let dir: string;
const noPause = { sleep: async () => {} };

beforeAll(async () => {
  server = await startContainerCredentialsServer({ token: TOKEN });
  dir = mkdtempSync(join(tmpdir(), 'switchyard-container-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  server.setToken(TOKEN);
  server.requests.length = 0;
});

const endpoint = (env: NodeJS.ProcessEnv): ContainerEndpoint => {
  const found = containerEndpoint(env);
  if (!found) throw new Error('no endpoint');
  return found;
};
const fullUri = (extra: NodeJS.ProcessEnv = {}) =>
  endpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, ...extra });

describe('our client against the stand-in', () => {
  it('reads the keys with the token from the environment', async () => {
    const creds = await fetchContainerCredentials(
      fullUri({ AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
    );
    expect(creds.keys.accessKeyId.reveal()).toBe(server.credentials.accessKeyId);
    expect(creds.keys.secretAccessKey.reveal()).toBe(server.credentials.secretAccessKey);
    expect(creds.keys.sessionToken.reveal()).toBe(server.credentials.sessionToken);
    expect(creds.expiresAt).toBe(server.credentials.expiration.getTime());
    expect(server.requests).toEqual([expect.objectContaining({ tokenMatched: true, status: 200 })]);
  });

  it('reads the token file again for every call (EKS rotates it)', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'old-token');
    const where = fullUri({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    server.setToken('old-token');
    await fetchContainerCredentials(where, noPause);
    writeFileSync(tokenFile, 'new-token');
    server.setToken('new-token');
    await fetchContainerCredentials(where, noPause);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('retries a 500 and a body that is not JSON, as the SDK does', async () => {
    server.inject({ kind: 'status', status: 500 }, { kind: 'malformed' });
    const creds = await fetchContainerCredentials(
      fullUri({ AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
      noPause,
    );
    expect(creds.keys.accessKeyId.reveal()).toBe(server.credentials.accessKeyId);
    expect(server.requests.map((r) => r.fault ?? r.status)).toEqual(['status', 'malformed', 200]);
  });

  it('gives up on an endpoint that never answers, retryable, naming the setting', async () => {
    server.inject({ kind: 'hang' }, { kind: 'hang' });
    const error = await fetchContainerCredentials(
      fullUri({ AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
      { ...noPause, timeoutMs: 150, maxRetries: 1 },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'retryable', code: 'ContainerCredentialsUnavailable' });
    expect((error as Error).message).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    expect(server.requests).toHaveLength(2);
  });

  it('a 401 without the token is the user to fix, in one line without the token', async () => {
    const error = await fetchContainerCredentials(fullUri(), noPause).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'needs-user', code: 'ContainerCredentialsRefused' });
    const message = (error as Error).message;
    expect(message).toMatch(/HTTP 401 .*authorization token/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(TOKEN);
    expect(server.requests.every((r) => !r.tokenSent && r.status === 401)).toBe(true);
  });

  it('an unreadable token file is said once, not retried', async () => {
    const missing = join(dir, 'no-such-token');
    const error = await fetchContainerCredentials(
      fullUri({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: missing }),
      noPause,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'needs-user', code: 'ContainerTokenUnreadable' });
    expect((error as Error).message).toContain(missing);
    expect(server.requests).toHaveLength(0);
  });
});

describe('which endpoints are ours to call', () => {
  // The SDK's fromHttp refuses a URL when it is built; ours must agree on every one.
  const urls = [
    'http://127.0.0.1:8080/creds',
    'http://127.1.2.3/creds',
    'http://localhost/creds',
    'http://[::1]:80/creds',
    'http://169.254.170.2/creds',
    'http://169.254.170.23/v1/credentials',
    'http://[fd00:ec2::23]/v1/credentials',
    'https://creds.example.com/x',
    'http://10.0.0.1/creds',
    'http://128.0.0.1/creds',
    'http://127.0.0.256/creds',
    'http://creds.example.com/x',
  ];
  it.each(urls)('%s: accepted exactly when the SDK accepts it', (url) => {
    let sdkAccepts = true;
    try {
      fromHttp({ awsContainerCredentialsFullUri: url });
    } catch {
      sdkAccepts = false;
    }
    const ours = containerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url });
    expect(ours !== undefined).toBe(sdkAccepts);
  });

  it('a relative URI is a path on 169.254.170.2', () => {
    const found = endpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' });
    expect(found.url.href).toBe('http://169.254.170.2/v2/credentials/abc');
  });

  it('settings the SDK warns about are left to the SDK', () => {
    const both = {
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url,
    };
    expect(containerEndpoint(both)).toBeUndefined();
    const twoTokens = {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'token'),
    };
    expect(containerEndpoint(twoTokens)).toBeUndefined();
  });
});

describe('interop: the same stand-in read by the SDK and by botocore', () => {
  it('the SDK fromHttp gets the same keys as ours', async () => {
    const sdk = await fromHttp({
      awsContainerCredentialsFullUri: server.url,
      awsContainerAuthorizationToken: TOKEN,
    })();
    const ours = await fetchContainerCredentials(
      fullUri({ AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
    );
    expect(sdk.accessKeyId).toBe(ours.keys.accessKeyId.reveal());
    expect(sdk.secretAccessKey).toBe(ours.keys.secretAccessKey.reveal());
    expect(sdk.sessionToken).toBe(ours.keys.sessionToken.reveal());
    expect(sdk.expiration?.getTime()).toBe(ours.expiresAt);
  });

  it.each([
    ['a token in the environment', () => ({ AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN })],
    [
      'a token file',
      () => {
        const tokenFile = join(dir, 'botocore-token');
        writeFileSync(tokenFile, TOKEN);
        return { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile };
      },
    ],
  ])('botocore gets the same keys as ours, with %s', async (_, tokenEnv) => {
    const env = {
      ...cleanEnv(),
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url,
      ...tokenEnv(),
    };
    const script = [
      'import botocore.session, json',
      'c = botocore.session.get_session().get_credentials().get_frozen_credentials()',
      'print(json.dumps([c.access_key, c.secret_key, c.token]))',
    ].join('\n');
    // Not spawnSync: the stand-in answers from this process's event loop.
    const run = await promisify(execFile)('python3', ['-c', script], { env, timeout: 30_000 });
    const ours = await fetchContainerCredentials(endpoint(env));
    expect(JSON.parse(run.stdout)).toEqual([
      ours.keys.accessKeyId.reveal(),
      ours.keys.secretAccessKey.reveal(),
      ours.keys.sessionToken.reveal(),
    ]);
  });
});
