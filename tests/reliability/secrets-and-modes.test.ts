import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../electron/core/catalog/catalog-store';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { createSessionEngine } from '../../electron/core/session/create-session-engine';
import { createFileLogger } from '../../electron/main/logger';
import { projectSnapshot } from '../../electron/main/snapshot-projection';
import { startFaultStsServer, type FaultStsServer } from '../support/fault-sts-server';
import { cliPath } from '../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../support/temp-aws-home';
import { emitted, leaks, runCliRecorded, secretsIn } from './support/emitted';

/**
 * Plants known secrets (source keys) and collects every secret STS issued (read
 * back from the credentials file after each step), then greps everything the app
 * emitted: every CLI run's stdout/stderr, the daemon's output, state.json,
 * catalog.json, every other file in the config folder, the app log, the snapshot
 * the renderer would get. `credential-process` prints keys by contract (its stdout
 * is read by the SDK); its stderr is still checked.
 */
const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE9';
const SOURCE_SECRET = 'planted/SOURCE+secret/wJalrXUtnFEMIK7MDENG';
const USER_FILE = `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;

let sts: FaultStsServer;
let home: TempAwsHome;
let logDir: string;
const seenSecrets = new Set<string>([SOURCE_SECRET]);
const collect = () => {
  for (const s of secretsIn(home.readCredentials())) if (!/^A[SK]IA/.test(s)) seenSecrets.add(s);
};

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  home = createTempAwsHome({ credentials: USER_FILE, env: { AWS_ENDPOINT_URL_STS: sts.endpoint } });
  logDir = await mkdtemp(join(tmpdir(), 'switchyard-logs-'));
});
afterAll(async () => {
  await sts.close();
  home.cleanup();
  await rm(logDir, { recursive: true, force: true });
});

describe('no secret leaves through any output; every file owner-only', () => {
  it('daemon + every CLI command + engine snapshot + app log', async () => {
    const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
    const roleId = catalog.add({
      label: 'Dev admin',
      roleArn: 'arn:aws:iam::210987654321:role/dev-admin',
      profile: 'dev',
      source: { kind: 'profile', profile: 'source' },
    } as never).id;
    catalog.close();

    const daemon = spawn(process.execPath, [cliPath, 'daemon'], {
      env: home.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let daemonOut = '';
    daemon.stdout.on('data', (d: Buffer) => (daemonOut += d.toString()));
    daemon.stderr.on('data', (d: Buffer) => (daemonOut += d.toString()));
    const until = async (re: RegExp) => {
      const deadline = Date.now() + 15_000;
      while (!re.test(daemonOut)) {
        if (Date.now() > deadline) throw new Error(`daemon never printed ${re}:\n${daemonOut}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until(/refreshing 0 active role\(s\)/);
      const cli = async (args: string[]) => {
        const r = await runCliRecorded(args, { env: home.env });
        collect();
        return r;
      };
      expect((await cli(['activate', roleId, '--json'])).code).toBe(0);
      await until(/Dev admin \[dev\] active/);
      await cli(['status']);
      await cli(['status', '--json']);
      await cli(['refresh', '--all', '--json']);
      await cli(['roles', 'list', '--json']);
      await cli([
        'assume',
        'arn:aws:iam::210987654321:role/ci',
        'ci',
        '--source-profile',
        'source',
      ]);
      await cli([
        'assume',
        'arn:aws:iam::210987654321:role/ci',
        'ci',
        '--source-profile',
        'source',
        '--json',
      ]);
      await cli(['console', 'arn:aws:iam::210987654321:role/ci', '--print']);
      // Failures: AccessDenied, a bad profile, a refused overwrite, a server error.
      sts.inject({
        kind: 'error',
        code: 'AccessDenied',
        status: 403,
        message: 'not authorized',
        action: 'AssumeRole',
      });
      await cli(['assume', 'arn:aws:iam::210987654321:role/x', 'x', '--source-profile', 'source']);
      sts.inject({ kind: 'status', status: 500, action: 'AssumeRole' });
      sts.inject({ kind: 'status', status: 500, action: 'AssumeRole' });
      sts.inject({ kind: 'status', status: 500, action: 'AssumeRole' });
      await cli([
        'assume',
        'arn:aws:iam::210987654321:role/x',
        'x',
        '--source-profile',
        'source',
        '--json',
      ]);
      await cli([
        'assume',
        'arn:aws:iam::210987654321:role/x',
        'source',
        '--source-profile',
        'source',
      ]);
      await cli(['assume', 'arn:aws:iam::210987654321:role/x', 'x', '--source-profile', 'missing']);
      // credential-process: stdout carries keys by contract; only stderr is checked.
      const cp = await runCliRecordedStdoutExempt(['credential-process', roleId]);
      expect(cp.code).toBe(0);

      // The renderer's view of an engine in the same home (passive: the daemon refreshes).
      const engine = await createSessionEngine({
        kind: 'app',
        configDir: home.switchyardConfigDir,
        env: home.env,
        secrets: new MemorySecretStore(),
      });
      const snapshotText =
        JSON.stringify(projectSnapshot(engine.snapshot())) + JSON.stringify(engine.snapshot());
      await engine.stop();

      // The app log, given an error that carries a secret.
      const logger = createFileLogger({ dir: logDir });
      logger.error('refresh failed', new Error(`boom with ${[...seenSecrets].at(-1)} inside`));
      logger.info(`token ${[...seenSecrets].at(-1)}`);

      const exited = new Promise((r) => daemon.once('exit', r));
      daemon.kill('SIGTERM');
      await exited;

      collect();
      const configFiles = readdirSync(home.switchyardConfigDir).map((n) =>
        join(home.switchyardConfigDir, n),
      );
      const logFiles = readdirSync(logDir).map((n) => join(logDir, n));
      const texts = [
        ...emitted,
        daemonOut,
        snapshotText,
        ...configFiles.map((f) => (statSync(f).isFile() ? readFileSync(f, 'utf8') : '')),
        ...logFiles.map((f) => readFileSync(f, 'utf8')),
      ];
      expect(seenSecrets.size).toBeGreaterThanOrEqual(5); // source + at least two issued sessions
      expect(leaks(texts, [...seenSecrets])).toEqual([]);

      // Modes.
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(home.credentialsPath)).toBe(0o600);
      expect(mode(home.awsDir)).toBe(0o700);
      expect(mode(home.switchyardConfigDir)).toBe(0o700);
      const modes: string[] = [];
      for (const f of [...configFiles, ...logFiles]) {
        if (!statSync(f).isFile()) continue;
        modes.push(`${f.split('/').at(-1)} ${mode(f).toString(8)}`);
        expect(mode(f), f).toBe(0o600);
      }
      expect(mode(logDir)).toBe(0o700);
      console.log(
        `[reliability] secrets: ${seenSecrets.size} secrets planted/issued, ${texts.length} outputs/files ` +
          `grepped (${Math.ceil(emitted.length / 2)} CLI runs, daemon ${daemonOut.length} B), 0 leaks; modes: ${modes.join(', ')}`,
      );
    } finally {
      daemon.kill('SIGKILL');
    }
  }, 60_000);
});

async function runCliRecordedStdoutExempt(args: string[]) {
  const r = await runCliRecorded(args, { env: home.env });
  emitted.splice(emitted.length - 2, 1); // drop stdout, keep stderr
  return r;
}
