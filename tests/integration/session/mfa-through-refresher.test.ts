import { readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealCode } from '../../../electron/core/refresh/sealed-code';
import { addRequest } from '../../../electron/core/refresh/state-changes';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import type { StateResult } from '../../../electron/core/refresh/state-model';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { codeContext } from '../../../electron/core/session/code-inbox';
import { createSessionEngine } from '../../../electron/core/session/create-session-engine';
import type { SessionManager } from '../../../electron/core/session/session-manager';
import { eventually } from '../../support/daemon';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { accessKeyOf, SOURCE_KEY, SOURCE_SECRET, USER_FILE } from './harness';

/**
 * MFA codes from a process that is not the refresher (the passive tray app's
 * prompt, a command): sealed to the refresher's published key, bound to their
 * request, opened only by the refresher, used once. Two real engines in one
 * process (the refresher lock makes the second passive) on the real clock,
 * the state file between them, against the MFA-checking STS server.
 */
const CODE = '481516';
const SERIAL = 'arn:aws:iam::123456789012:mfa/switchyard-test';
const NOT_IN_CLEAR = new RegExp(`(^|[^A-Za-z0-9+/])${CODE}([^A-Za-z0-9+/=]|$)`);

let sts: FaultStsServer;
let home: TempAwsHome;
let refresher: SessionManager;
let passive: SessionManager;
let stateTexts: string[];
let stateWatch: FSWatcher;
let roleId: string;

beforeAll(async () => {
  sts = await startFaultStsServer({ mfa: { serial: SERIAL, code: CODE, singleUse: true } });
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  sts.configureRole('arn:aws:iam::210987654321:role/guarded', { requireMfa: true });
});
afterAll(async () => {
  await sts.close();
});

function open(kind: 'daemon' | 'app'): Promise<SessionManager> {
  return createSessionEngine({
    kind,
    configDir: home.switchyardConfigDir,
    env: home.env,
    secrets: new MemorySecretStore(),
    requestTimeoutMs: 3000,
  });
}

/** Every version of state.json (and any copy set aside) the run produced. */
function recordStateFiles(dir: string): FSWatcher {
  const grab = (): void => {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('state.json'))) {
      try {
        stateTexts.push(readFileSync(join(dir, name), 'utf8'));
      } catch {
        // renamed away between the listing and the read: the next event has it
      }
    }
  };
  return watch(dir, grab);
}

beforeEach(async () => {
  home = createTempAwsHome({ credentials: USER_FILE, env: { AWS_ENDPOINT_URL_STS: sts.endpoint } });
  stateTexts = [];
  stateWatch = recordStateFiles(home.switchyardConfigDir);
  refresher = await open('daemon');
  passive = await open('app');
  expect([refresher.mode, passive.mode]).toEqual(['refresher', 'passive']);
  roleId = (
    await refresher.addRole({
      label: 'Guarded',
      roleArn: 'arn:aws:iam::210987654321:role/guarded',
      profile: 'guarded',
      source: { kind: 'profile', profile: 'source' },
      mfaSerial: SERIAL,
    })
  ).id;
});
afterEach(async () => {
  await passive.stop();
  await refresher.stop();
  stateWatch.close();
  home.cleanup();
});

async function resultOf(id: string): Promise<StateResult> {
  const stateFile = openStateFile({ configDir: home.switchyardConfigDir });
  let found: StateResult | undefined;
  await eventually(() => {
    void stateFile.read().then((s) => (found = s.results.find((r) => r.id === id)));
    return found !== undefined;
  }, `the result of ${id}`);
  return found!;
}

describe('MFA codes sent to the refresher', () => {
  it("the passive app's prompt: a wrong code fails in one line, the right one activates", async () => {
    await passive.activate(roleId);
    await eventually(() => passive.snapshot().mfaPrompts.length === 1, 'the prompt');
    const [prompt] = passive.snapshot().mfaPrompts;
    expect(prompt).toMatchObject({ sourceKey: 'profile:source', mfaSerial: SERIAL });

    const wrong = passive.submitMfaCode(prompt!.sourceKey, '000000');
    await expect(wrong).rejects.toThrow(/^MFA code not used: .*MultiFactorAuthentication[^\n]*$/);
    await passive.submitMfaCode(prompt!.sourceKey, CODE);
    await refresher.idle();
    expect(refresher.snapshot().roles[0]!.state).toBe('active');
    expect(accessKeyOf(home.readCredentials(), 'guarded')).toMatch(/^ASIA/);
    expect(sts.count('GetSessionToken')).toBeGreaterThanOrEqual(2);
    await eventually(() => passive.snapshot().roles[0]!.state === 'active', 'the passive view');
    expect(passive.snapshot().mfaPrompts).toHaveLength(0);

    stateTexts.push(readFileSync(join(home.switchyardConfigDir, 'state.json'), 'utf8'));
    expect(stateTexts.some((t) => t.includes('"mfaCode"'))).toBe(true); // the sealed form was seen
    for (const text of stateTexts) expect(text).not.toMatch(NOT_IN_CLEAR);
  });

  it('a sealed code replayed in another request fails to open; a used request is gone', async () => {
    const stateFile = openStateFile({ configDir: home.switchyardConfigDir });
    const tokensBefore = sts.count('GetSessionToken');
    const { codeKey } = await stateFile.read();
    expect(codeKey?.pid).toBe(process.pid);
    const sealed = sealCode(codeKey!.publicKey, CODE, codeContext('original', roleId));
    const from = { pid: process.pid, kind: 'cli' } as const;
    const createdAt = Date.now();
    await stateFile.update((s) =>
      addRequest(s, {
        id: 'replayed',
        action: 'activate',
        roleId,
        createdAt,
        from,
        mfaCode: sealed,
      }),
    );
    await refresher.processRequests();
    const result = await resultOf('replayed');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^MFA code not used: the code was sealed for another/);
    expect(sts.count('GetSessionToken')).toBe(tokensBefore);
    expect((await stateFile.read()).requests).toHaveLength(0);
  });

  it('with the refresher gone, no key: a code is refused in one line and nothing is asked', async () => {
    await refresher.stop();
    const stateFile = openStateFile({ configDir: home.switchyardConfigDir });
    expect((await stateFile.read()).codeKey).toBeUndefined();
    await expect(passive.ask('activate', [roleId], { mfaCode: CODE })).rejects.toThrow(
      /^no refresher key yet; try again$/,
    );
    expect((await stateFile.read()).requests).toHaveLength(0);
    refresher = await open('daemon'); // for afterEach (and: a new refresher publishes a new key)
    expect((await stateFile.read()).codeKey?.pid).toBe(process.pid);
  });
});
