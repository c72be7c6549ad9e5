/**
 * The fake OIDC service speaks AWS's wire format: botocore (the AWS CLI's
 * library, with its own copy of the service model) registers a client, starts
 * a device authorization and creates tokens against it through
 * AWS_ENDPOINT_URL_SSO_OIDC, parses our answers, and reads our errors as the
 * modelled exceptions. Nothing secret is printed by the script.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_GRANT, FakeOidcServer } from '../../support/identity-center/fake-oidc-server';
import { TokenBook } from '../../support/identity-center/token-book';
import { cleanEnv } from '../../support/temp-aws-home';
import { pythonCommand } from '../../support/tools';

const SCRIPT = `
import json, os, botocore.session
c = botocore.session.get_session().create_client('sso-oidc', region_name='eu-west-1')
out = {'endpoint': c.meta.endpoint_url}
reg = c.register_client(clientName='interop', clientType='public', scopes=['sso:account:access'])
out['register'] = sorted(k for k in reg if k != 'ResponseMetadata')
out['secretExpiresAtIsInt'] = isinstance(reg['clientSecretExpiresAt'], int)
auth = c.start_device_authorization(clientId=reg['clientId'], clientSecret=reg['clientSecret'],
    startUrl='https://d-1234567890.awsapps.com/start')
out['device'] = sorted(k for k in auth if k != 'ResponseMetadata')
out['interval'] = auth['interval']
out['expiresIn'] = auth['expiresIn']
def token(**kw):
    try:
        t = c.create_token(clientId=reg['clientId'], clientSecret=reg['clientSecret'], **kw)
        return {'ok': sorted(k for k in t if k != 'ResponseMetadata'), 'type': t['tokenType'],
                'refresh': t.get('refreshToken')}
    except c.exceptions.ClientError as e:
        return {'code': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode'],
                'class': type(e).__name__}
G = '${DEVICE_GRANT}'
out['pending'] = token(grantType=G, deviceCode=auth['deviceCode'])
out['slow'] = token(grantType=G, deviceCode=auth['deviceCode'])
out['granted'] = token(grantType=G, deviceCode=auth['deviceCode'])
refresh = out['granted'].pop('refresh')
out['reused'] = token(grantType=G, deviceCode=auth['deviceCode'])
out['refreshed'] = token(grantType='refresh_token', refreshToken=refresh)
out['refreshed'].pop('refresh')
out['spent'] = token(grantType='refresh_token', refreshToken=refresh)
try:
    c.create_token(clientId=reg['clientId'], clientSecret='wrong', grantType=G, deviceCode='x')
except c.exceptions.InvalidClientException as e:
    out['badClient'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))
`;

describe('botocore against the fake OIDC service', () => {
  const tokens = new TokenBook();
  const server = new FakeOidcServer({ tokens, interval: 2 });
  beforeAll(() => server.start());
  afterAll(() => server.close());

  it('parses its answers and its errors as the modelled exceptions', async () => {
    server.inject(
      {
        operation: 'token',
        grantType: DEVICE_GRANT,
        fault: { kind: 'error', code: 'authorization_pending' },
      },
      { operation: 'token', grantType: DEVICE_GRANT, fault: { kind: 'error', code: 'slow_down' } },
    );
    const env = {
      ...cleanEnv(),
      AWS_ENDPOINT_URL_SSO_OIDC: server.url,
      AWS_CONFIG_FILE: '/nonexistent-switchyard-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent-switchyard-credentials',
    };
    const run = await promisify(execFile)(pythonCommand(), ['-c', SCRIPT], {
      env,
      timeout: 60_000,
    });
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out.endpoint).toBe(server.url);
    expect(out.register).toEqual([
      'clientId',
      'clientIdIssuedAt',
      'clientSecret',
      'clientSecretExpiresAt',
    ]);
    expect(out.secretExpiresAtIsInt).toBe(true);
    expect(out.device).toEqual([
      'deviceCode',
      'expiresIn',
      'interval',
      'userCode',
      'verificationUri',
      'verificationUriComplete',
    ]);
    expect(out.interval).toBe(2);
    expect(out.expiresIn).toBe(600);
    const error = (code: string, status = 400) => ({
      code,
      status,
      class: code,
    });
    expect(out.pending).toEqual(error('AuthorizationPendingException'));
    expect(out.slow).toEqual(error('SlowDownException'));
    expect(out.granted).toEqual({
      ok: ['accessToken', 'expiresIn', 'refreshToken', 'tokenType'],
      type: 'Bearer',
    });
    expect(out.reused).toEqual(error('InvalidGrantException'));
    expect(out.refreshed).toEqual(out.granted);
    expect(out.spent).toEqual(error('InvalidGrantException'));
    expect(out.badClient).toEqual(['InvalidClientException', 401]);
    // Two access tokens went into the book the portal reads.
    expect(tokens.size).toBe(2);
    expect(server.tokenRequests(DEVICE_GRANT).map((r) => r.error)).toEqual([
      'authorization_pending',
      'slow_down',
      undefined,
      'invalid_grant',
      'invalid_client',
    ]);
  });
});
