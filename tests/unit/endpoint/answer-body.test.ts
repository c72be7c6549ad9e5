import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAnswer, type PreparedAnswer } from '../../../electron/core/endpoint/answer-body';
import {
  startCredentialEndpoint,
  type CredentialEndpoint,
  type ServedCredentials,
} from '../../../electron/core/endpoint/credential-endpoint';
import { Secret } from '../../../electron/core/secret';
import { askEndpoint } from '../../support/endpoint-client';

const EXPIRES = Date.UTC(2026, 11, 6, 13);
const open: CredentialEndpoint[] = [];
afterEach(async () => {
  for (const endpoint of open.splice(0)) await endpoint.close();
});

function served(key: string, roleArn = 'arn:aws:iam::210987654321:role/dev'): ServedCredentials {
  return {
    credentials: {
      accessKeyId: new Secret(key),
      secretAccessKey: new Secret(`secret-${key}`),
      sessionToken: new Secret(`token-${key}`),
      expiresAt: EXPIRES,
    },
    roleArn,
  };
}

describe('the endpoint answer', () => {
  it('is built once per served session, however many times it is asked for', async () => {
    let current = served('ASIAFIRST00000000001');
    const built: string[] = [];
    const endpoint = await startCredentialEndpoint<string>({
      authorize: (token) => (token === 'good' ? 'grant' : undefined),
      credentialsFor: () => current,
      buildAnswer: (s): PreparedAnswer => {
        built.push(s.credentials.accessKeyId.reveal());
        return buildAnswer(s);
      },
    });
    open.push(endpoint);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ask = () => askEndpoint({ port: endpoint.port, path: '/role/dev', token: 'good', agent });
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await ask();
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({
          AccessKeyId: 'ASIAFIRST00000000001',
          SecretAccessKey: 'secret-ASIAFIRST00000000001',
          Token: 'token-ASIAFIRST00000000001',
          Expiration: '2026-12-06T13:00:00.000Z',
          RoleArn: 'arn:aws:iam::210987654321:role/dev',
        });
      }
      expect(built).toEqual(['ASIAFIRST00000000001']);
      // A new session (a refresh) is a new object: one new build, then reused.
      current = served('ASIASECOND0000000002');
      expect((await ask()).body.AccessKeyId).toBe('ASIASECOND0000000002');
      expect((await ask()).body.AccessKeyId).toBe('ASIASECOND0000000002');
      expect(built).toEqual(['ASIAFIRST00000000001', 'ASIASECOND0000000002']);
      expect(
        (await askEndpoint({ port: endpoint.port, path: '/role/dev', token: 'bad' })).status,
      ).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it('answers a lookup that goes async, and a failed one with 503', async () => {
    const endpoint = await startCredentialEndpoint<string>({
      authorize: (token) => Promise.resolve(token === 'good' ? 'grant' : undefined),
      credentialsFor: (roleId) =>
        roleId === 'dev'
          ? Promise.resolve(served('ASIAASYNC00000000001'))
          : Promise.reject(new Error('no session\nsecond line')),
    });
    open.push(endpoint);
    const dev = await askEndpoint({ port: endpoint.port, path: '/role/dev', token: 'good' });
    expect(dev.body.AccessKeyId).toBe('ASIAASYNC00000000001');
    const ops = await askEndpoint({ port: endpoint.port, path: '/role/ops', token: 'good' });
    expect(ops.status).toBe(503);
    expect(ops.body).toEqual({ code: 'CredentialsUnavailable', message: 'no session' });
    expect((await askEndpoint({ port: endpoint.port, path: '/role/dev', token: 'x' })).status).toBe(
      401,
    );
  });
});
