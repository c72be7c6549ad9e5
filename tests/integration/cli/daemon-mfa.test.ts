import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-secret-store';
import { mfaSessionAccount } from '../../../electron/core/secrets/mfa-session-cache';
import { killAllDaemons, startDaemon, stopDaemon } from '../../support/daemon';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli, type RunResult } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';
import { isCi } from '../../support/tools';

/**
 * `switchyard activate <role> --mfa-code CODE` while `switchyard daemon`
 * refreshes: the code travels sealed through state.json, the daemon uses it
 * (GetSessionToken, the MFA session cached in the OS keychain) and answers.
 * The daemon's keychain is the real one, so this runs under
 * scripts/with-keyring.sh (SWITCHYARD_SECRET_SERVICE=1), as the keychain tests do.
 */
const available = process.env.SWITCHYARD_SECRET_SERVICE === '1';
const reason =
  'SWITCHYARD_SECRET_SERVICE is not 1: run `bash scripts/with-keyring.sh npx vitest run tests/integration/cli/daemon-mfa.test.ts`';

if (!available && isCi()) {
  describe('MFA codes for switchyard daemon', () => {
    it('needs a Secret Service under CI=true', () => {
      throw new Error(`CI=true but no Secret Service: ${reason}`);
    });
  });
}

const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const CODE = '481516';
const SERIAL = 'arn:aws:iam::123456789012:mfa/switchyard-test';
const ROLE_ARN = 'arn:aws:iam::210987654321:role/guarded';
/** The code as a token of its own (not digits inside a timestamp or a base64 blob). */
const IN_CLEAR = new RegExp(`(^|[^A-Za-z0-9+/])${CODE}([^A-Za-z0-9+/=]|$)`);

describe.skipIf(!available)(
  `MFA codes for switchyard daemon${available ? '' : ` (skipped: ${reason})`}`,
  () => {
    let sts: FaultStsServer;
    let home: TempAwsHome;
    let stateTexts: string[];
    let stateWatch: FSWatcher;
    const sourceProfiles: string[] = [];

    beforeAll(async () => {
      sts = await startFaultStsServer({ mfa: { serial: SERIAL, code: CODE, singleUse: true } });
      sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
      sts.configureRole(ROLE_ARN, { requireMfa: true });
    });
    afterAll(async () => {
      await sts.close();
      const store = new KeytarSecretStore();
      for (const profile of sourceProfiles)
        await store.delete(mfaSessionAccount(`profile:${profile}`));
    });
    beforeEach(() => {
      // A source of its own per test: the MFA session cached in the keychain is per source.
      const source = `src-${randomBytes(4).toString('hex')}`;
      sourceProfiles.push(source);
      home = createTempAwsHome({
        credentials: `[${source}]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
        env: { AWS_ENDPOINT_URL_STS: sts.endpoint, SWITCHYARD_SECRET_SERVICE: '1' },
      });
      const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
      catalog.add({
        label: 'Guarded',
        roleArn: ROLE_ARN,
        profile: 'guarded',
        source: { kind: 'profile', profile: source },
        mfaSerial: SERIAL,
      });
      catalog.close();
      stateTexts = [];
      const dir = home.switchyardConfigDir;
      stateWatch = watch(dir, () => {
        for (const name of readdirSync(dir).filter((n) => n.startsWith('state.json'))) {
          try {
            stateTexts.push(readFileSync(join(dir, name), 'utf8'));
          } catch {
            // renamed away meanwhile: the next event reads its successor
          }
        }
      });
    });
    afterEach(() => {
      stateWatch.close();
      killAllDaemons();
      home.cleanup();
    });

    const cli = (args: string[]): Promise<RunResult> => runCli(args, { env: home.env });

    it('a command passes the code to the daemon, sealed; a wrong code fails in one line', async () => {
      const daemon = startDaemon(home.env);
      await daemon.waitFor(/refreshing 0 active role\(s\)/);
      const outputs: RunResult[] = [];

      const wrong = await cli(['activate', 'guarded', '--mfa-code', '000000']);
      outputs.push(wrong);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        /^switchyard: MFA code not used: .*MultiFactorAuthentication.*\n$/,
      );
      expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
      expect(home.readCredentials()).not.toContain('[guarded]');

      const right = await cli(['activate', 'guarded', '--mfa-code', CODE, '--json']);
      outputs.push(right);
      expect(right.stderr).toBe('');
      expect(right.code).toBe(0);
      expect(JSON.parse(right.stdout)[0]).toMatchObject({ profile: 'guarded', state: 'active' });
      expect(home.readCredentials()).toMatch(/\[guarded\]\naws_access_key_id = ASIA/);
      expect(sts.requests.filter((r) => r.action === 'GetSessionToken').at(-1)?.status).toBe(200);

      // The same code again is not needed: the MFA session is in the keychain.
      outputs.push(await cli(['refresh', 'guarded']));
      expect(outputs.at(-1)!.code).toBe(0);

      await stopDaemon(daemon);
      stateTexts.push(readFileSync(join(home.switchyardConfigDir, 'state.json'), 'utf8'));
      expect(stateTexts.length).toBeGreaterThan(3);
      for (const text of stateTexts) expect(text).not.toMatch(IN_CLEAR);
      for (const { stdout, stderr } of outputs) expect(stdout + stderr).not.toMatch(IN_CLEAR);
      expect(daemon.output()).not.toMatch(IN_CLEAR);
      expect(daemon.output()).not.toContain(SOURCE_SECRET);
    });

    it('without --mfa-code, the code piped on stdin goes to the daemon once, sealed', async () => {
      // A code of its own: the server takes each code once.
      const code = '271828';
      const inClear = new RegExp(`(^|[^A-Za-z0-9+/])${code}([^A-Za-z0-9+/=]|$)`);
      sts.mfa = { serial: SERIAL, code, singleUse: true };
      const tokensBefore = sts.requests.filter((r) => r.action === 'GetSessionToken').length;
      const daemon = startDaemon(home.env);
      await daemon.waitFor(/refreshing 0 active role\(s\)/);

      const piped = await runCli(['activate', 'guarded', '--json'], {
        env: home.env,
        input: `${code}\n`,
      });
      expect(piped.code, piped.stderr).toBe(0);
      expect(JSON.parse(piped.stdout)[0]).toMatchObject({ profile: 'guarded', state: 'active' });
      expect(home.readCredentials()).toMatch(/\[guarded\]\naws_access_key_id = ASIA/);
      const tokens = sts.requests.filter((r) => r.action === 'GetSessionToken');
      expect(tokens.slice(tokensBefore).map((r) => r.status)).toEqual([200]);

      await stopDaemon(daemon);
      stateTexts.push(readFileSync(join(home.switchyardConfigDir, 'state.json'), 'utf8'));
      for (const text of stateTexts) expect(text).not.toMatch(inClear);
      expect(piped.stdout + piped.stderr).not.toMatch(inClear);
      expect(daemon.output()).not.toMatch(inClear);
    });

    it('without --mfa-code and nothing on stdin, says how to give the code, in one line', async () => {
      const daemon = startDaemon(home.env);
      await daemon.waitFor(/refreshing 0 active role\(s\)/);
      const none = await cli(['activate', 'guarded']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/type it at the prompt, or pipe it on stdin\n$/);
      expect(none.stderr).not.toContain('--mfa-code CODE`');
      await stopDaemon(daemon);
    });
  },
);
