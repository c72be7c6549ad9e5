import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openGrant } from '../../../electron/core/endpoint/grant-client';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import type { SessionManager } from '../../../electron/core/session/session-manager';
import { askEndpoint, splitUri } from '../../support/endpoint-client';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { SOURCE_KEY, SOURCE_SECRET, USER_FILE } from '../session/harness';

/**
 * A grant for a role that needs MFA: the code typed for `exec` travels sealed
 * in the grant (never in clear in state.json), the refresher uses it once for
 * GetSessionToken, and the role's credentials come from the cached MFA session.
 */
const CODE = '314159';
const SERIAL = 'arn:aws:iam::123456789012:mfa/switchyard-endpoint';
const NOT_IN_CLEAR = new RegExp(`(^|[^A-Za-z0-9+/])${CODE}([^A-Za-z0-9+/=]|$)`);

let sts: FaultStsServer;
let home: TempAwsHome;
let engine: SessionManager;
let roleId: string;

beforeAll(async () => {
  sts = await startFaultStsServer({ mfa: { serial: SERIAL, code: CODE, singleUse: true } });
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  sts.configureRole('arn:aws:iam::210987654321:role/guarded', { requireMfa: true });
});
afterAll(async () => {
  await sts.close();
});
beforeEach(async () => {
  sts.reset();
  home = createTempAwsHome({ credentials: USER_FILE, env: { AWS_ENDPOINT_URL_STS: sts.endpoint } });
  engine = await createSessionEngine({
    kind: 'daemon',
    configDir: home.switchyardConfigDir,
    env: home.env,
    secrets: new MemorySecretStore(),
    requestTimeoutMs: 3000,
  });
  roleId = (
    await engine.addRole({
      label: 'guarded',
      roleArn: 'arn:aws:iam::210987654321:role/guarded',
      profile: 'guarded',
      source: { kind: 'profile', profile: 'source' },
      mfaSerial: SERIAL,
    })
  ).id;
});
afterEach(async () => {
  await engine.stop();
  home.cleanup();
});

async function grant(mfaCode?: string) {
  const handle = await openGrant({
    roleId,
    kind: 'exec',
    pid: process.pid,
    ...(mfaCode !== undefined ? { mfaCode } : {}),
    env: home.env,
  });
  if (!handle) throw new Error('expected the refresher to grant');
  return { ...splitUri(handle.uri), token: handle.token.reveal() };
}

describe('local credential endpoint: roles that need MFA', () => {
  it('without a code answers 503 naming the fix', async () => {
    const answer = await askEndpoint(await grant());
    expect(answer.status).toBe(503);
    expect(String(answer.body.message)).toMatch(/needs an MFA code/);
  });

  it('uses the sealed code once for GetSessionToken and serves the role from it', async () => {
    const g = await grant(CODE);
    const text = await openStateFile({ configDir: home.switchyardConfigDir }).readText();
    expect(text).toContain('"mfaCode"');
    expect(NOT_IN_CLEAR.test(text ?? '')).toBe(false);
    const answer = await askEndpoint(g);
    expect(answer.status).toBe(200);
    expect(sts.count('GetSessionToken')).toBe(1);
    const after = await openStateFile({ configDir: home.switchyardConfigDir }).read();
    expect(after.grants?.[0]?.mfaCode).toBeUndefined();
    // Another grant with no code is served from the cached MFA session.
    expect((await askEndpoint(await grant())).status).toBe(200);
    expect(sts.count('GetSessionToken')).toBe(1);
    expect(home.readCredentials()).toBe(USER_FILE);
  });
});
