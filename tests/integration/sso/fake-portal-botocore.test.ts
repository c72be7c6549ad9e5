/**
 * Interop of the fake portal: botocore (installed with moto), the AWS CLI's own
 * SDK, calls it through AWS_ENDPOINT_URL_SSO and must parse every answer and
 * error as it would parse AWS's. If our wire format drifted from the service
 * model (a field name, a query parameter, the error header), botocore would
 * fail or read nothing here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePortalServer } from '../../support/identity-center/fake-portal-server';
import { TokenBook } from '../../support/identity-center/token-book';
import { cleanEnv } from '../../support/temp-aws-home';
import { pythonCommand, requireTool } from '../../support/tools';

const moto = requireTool('moto');
const TOKEN = 'portal-interop-access-token';

// One python run exercises every call; it prints one JSON object.
const SCRIPT = String.raw`
import json, botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
s = botocore.session.get_session()
c = s.create_client('sso', region_name='eu-west-1', config=Config(retries={'total_max_attempts': 1}))
out = {'endpoint': c.meta.endpoint_url}
pages = list(c.get_paginator('list_accounts').paginate(accessToken='${TOKEN}', PaginationConfig={'PageSize': 4}))
out['pages'] = len(pages)
out['accounts'] = [a for p in pages for a in p['accountList']]
roles = c.get_paginator('list_account_roles').paginate(accessToken='${TOKEN}', accountId='111111111111')
out['roles'] = [r for p in roles for r in p['roleList']]
def error(call):
    try:
        call()
        return None
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
out['throttled'] = error(lambda: c.get_role_credentials(accessToken='${TOKEN}', accountId='111111111111', roleName='Admin'))
rc = c.get_role_credentials(accessToken='${TOKEN}', accountId='111111111111', roleName='Admin')['roleCredentials']
out['credentials'] = rc
out['unauthorized'] = error(lambda: c.list_accounts(accessToken='not-issued'))
out['forbidden'] = error(lambda: c.get_role_credentials(accessToken='${TOKEN}', accountId='111111111111', roleName='Nope'))
out['notFound'] = error(lambda: c.list_account_roles(accessToken='${TOKEN}', accountId='999999999999'))
out['invalid'] = error(lambda: c.list_account_roles(accessToken='${TOKEN}', accountId='12'))
out['logout'] = c.logout(accessToken='${TOKEN}')['ResponseMetadata']['HTTPStatusCode']
out['afterLogout'] = error(lambda: c.list_accounts(accessToken='${TOKEN}'))
print(json.dumps(out))
`;

describe.skipIf(!moto.available)(`botocore against the fake portal ${moto.skipReason}`, () => {
  const tokens = new TokenBook();
  let portal: FakePortalServer;
  let home: string;

  beforeAll(async () => {
    portal = await FakePortalServer.start({ tokens, pageSize: 50 });
    tokens.issue({ accessToken: TOKEN, expiresAt: Date.now() + 3_600_000, startUrl: 'x' });
    portal.directory.addAccount('111111111111', 'Production', ['Admin', 'ReadOnly']);
    portal.directory.addAccounts(9, ['Dev']);
    home = mkdtempSync(join(tmpdir(), 'switchyard-portal-interop-'));
  });

  afterAll(async () => {
    await portal.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('pages, roles, credentials and every error parse as AWS answers do', async () => {
    portal.queueFault({ kind: 'throttle', operation: 'GetRoleCredentials' });
    const before = Date.now();
    const env = {
      ...cleanEnv(),
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      AWS_ENDPOINT_URL_SSO: portal.url,
    };
    // Not spawnSync: the portal answers from this process's event loop.
    const run = await promisify(execFile)(pythonCommand(), ['-c', SCRIPT], {
      env,
      timeout: 60_000,
    });
    const out = JSON.parse(run.stdout) as Record<string, unknown>;

    expect(out.endpoint).toBe(portal.url);
    // 10 accounts at botocore's page size 4: three pages, each following nextToken.
    expect(out.pages).toBe(3);
    expect(out.accounts).toHaveLength(10);
    expect((out.accounts as unknown[])[0]).toEqual({
      accountId: '111111111111',
      accountName: 'Production',
      emailAddress: 'aws+111111111111@example.com',
    });
    expect(out.roles).toEqual([
      { roleName: 'Admin', accountId: '111111111111' },
      { roleName: 'ReadOnly', accountId: '111111111111' },
    ]);
    const rc = out.credentials as Record<string, unknown>;
    const issued = portal.issued(rc.accessKeyId as string);
    expect(issued).toBeDefined();
    expect(rc.secretAccessKey).toBe(issued?.secretAccessKey);
    expect(rc.sessionToken).toBe(issued?.sessionToken);
    // Epoch milliseconds, a plain integer (the model's "long").
    expect(rc.expiration).toBe(issued?.expiration);
    expect(rc.expiration as number).toBeGreaterThan(before + 3_000_000);

    expect(out.unauthorized).toEqual([
      'UnauthorizedException',
      'Session token not found or invalid',
      401,
    ]);
    expect(out.throttled).toEqual(['TooManyRequestsException', 'Too many requests', 429]);
    expect(out.forbidden).toEqual(['ForbiddenException', 'No access', 403]);
    expect(out.notFound).toEqual(['ResourceNotFoundException', 'Account not found', 404]);
    expect(out.invalid).toEqual([
      'InvalidRequestException',
      'account_id must be a 12-digit account id',
      400,
    ]);
    expect(out.logout).toBe(200);
    expect(out.afterLogout?.[0 as never]).toBe('UnauthorizedException');
    expect(tokens.valid(TOKEN)).toBeUndefined();

    // The record names what was asked, never the token.
    expect(JSON.stringify(portal.requests)).not.toContain(TOKEN);
    expect(portal.requests.every((r) => r.bearerSent)).toBe(true);
  });
});
