/**
 * Switchyard's own credential_process runner: real helper scripts, run as the
 * SDK runs them (through the shell), answers read by the SDK's rules, and a
 * helper that never answers killed at the deadline with its whole process group
 * (checked with `kill -0` on the pids it wrote). Interop: botocore reads the same
 * profile and gets the same keys; the engine's gateway and `switchyard assume`
 * use the runner for a credential_process profile.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn } from '../../../shared/role-arn';
import { runCredentialProcess } from '../../../electron/core/sts/credential-process';
import { DirectFirstGateway } from '../../../electron/core/sts/direct-first-gateway';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli } from '../../support/run-cli';
import { cleanEnv, createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const ROLE = parseRoleArn('arn:aws:iam::210987654321:role/deploy');
let dir: string;
let sts: FaultStsServer;
let user: { accessKeyId: string; secretAccessKey: string };
let home: TempAwsHome;

/** A helper script in the temp folder; returns its path. */
function helper(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Dead or a zombie (this sandbox's PID 1 does not reap orphans): either way, not running. */
function running(pid: string): boolean {
  if (spawnSync('kill', ['-0', pid]).status !== 0) return false;
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

async function waitGone(pid: string): Promise<boolean> {
  for (let i = 0; i < 100 && running(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !running(pid);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-process-'));
  sts = await startFaultStsServer();
  user = sts.createUser('arn:aws:iam::123456789012:user/helper');
  const good = helper(
    'good.sh',
    `echo '{"Version": 1, "AccessKeyId": "${user.accessKeyId}", "SecretAccessKey": "${user.secretAccessKey}"}'`,
  );
  const hang = helper(
    'hang.sh',
    `echo $$ > '${join(dir, 'hang.pid')}'\nsleep 600 &\necho $! > '${join(dir, 'sleep.pid')}'\nwait`,
  );
  home = createTempAwsHome({
    config: `[default]\nregion = us-east-1\n[profile helper]\ncredential_process = ${good}\n[profile hanging]\ncredential_process = ${hang}\n`,
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
});
afterAll(async () => {
  await sts.close();
  home.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('a credential_process that never answers', () => {
  it('fails at the deadline in one line naming the profile, and leaves no process behind', async () => {
    const error = await runCredentialProcess({
      profile: 'hanging',
      command: join(dir, 'hang.sh'),
      deadlineMs: 700,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'retryable', code: 'SourceTimeout' });
    expect((error as Error).message).toMatch(/^the credential_process of profile "hanging" .*\S$/);
    expect((error as Error).message).not.toContain('\n');
    for (const file of ['hang.pid', 'sleep.pid']) {
      expect(await waitGone(readFileSync(join(dir, file), 'utf8').trim()), file).toBe(true);
    }
  });

  it('the engine gateway kills it too (GetSessionToken plans the source first)', async () => {
    rmSync(join(dir, 'sleep.pid'), { force: true });
    const gateway = new DirectFirstGateway(
      {
        region: 'us-east-1',
        source: { kind: 'profile', profile: 'hanging' },
        endpoint: sts.endpoint,
        sharedFiles: { credentialsPath: home.credentialsPath, configPath: home.configPath },
        maxAttempts: 1,
        deadlineMs: 700,
      },
      home.env,
    );
    try {
      const error = await gateway.getSessionToken({}).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SourceTimeout' });
      expect((error as Error).message).toContain('profile "hanging"');
    } finally {
      gateway.destroy();
    }
    expect(await waitGone(readFileSync(join(dir, 'sleep.pid'), 'utf8').trim())).toBe(true);
  });

  it('is killed, group and all, when its signal aborts (the engine stopping)', async () => {
    rmSync(join(dir, 'sleep.pid'), { force: true });
    const stopping = new AbortController();
    const run = runCredentialProcess({
      profile: 'hanging',
      command: join(dir, 'hang.sh'),
      deadlineMs: 600_000,
      signal: stopping.signal,
    }).catch((e: unknown) => e);
    while (!existsSync(join(dir, 'sleep.pid'))) await new Promise((r) => setTimeout(r, 20));
    stopping.abort();
    expect(await run).toMatchObject({ kind: 'retryable', code: 'SourceAborted' });
    expect(await waitGone(readFileSync(join(dir, 'sleep.pid'), 'utf8').trim())).toBe(true);
  });

  it('is killed when the engine destroys the gateway running it', async () => {
    rmSync(join(dir, 'sleep.pid'), { force: true });
    const gateway = new DirectFirstGateway(
      {
        region: 'us-east-1',
        source: { kind: 'profile', profile: 'hanging' },
        endpoint: sts.endpoint,
        sharedFiles: { credentialsPath: home.credentialsPath, configPath: home.configPath },
        maxAttempts: 1,
        deadlineMs: 600_000,
      },
      home.env,
    );
    const call = gateway.resolveSourceCredentials().catch((e: unknown) => e);
    while (!existsSync(join(dir, 'sleep.pid'))) await new Promise((r) => setTimeout(r, 20));
    gateway.destroy();
    expect(await call).toMatchObject({ code: 'SourceAborted' });
    expect(await waitGone(readFileSync(join(dir, 'sleep.pid'), 'utf8').trim())).toBe(true);
  });
});

describe('answers read by the SDK rules', () => {
  it.each([
    ['exit 3', /exited with code 3/],
    [`echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "B"}'`, /Version 1/],
    ['echo not json', /invalid JSON/],
    [`echo '{"Version": 1, "AccessKeyId": "A"}'`, /invalid credentials/],
    [
      `echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B", "Expiration": "2001-01-01T00:00:00Z"}'`,
      /expired credentials/,
    ],
  ])('%s: a one-line error naming the profile', async (body, why) => {
    const command = helper('bad.sh', `echo secret-on-stderr >&2\n${body}`);
    const error = await runCredentialProcess({ profile: 'p', command, deadlineMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'needs-user', code: 'CredentialProcessFailed' });
    const message = (error as Error).message;
    expect(message).toMatch(why);
    expect(message).toContain('profile "p"');
    expect(message).not.toContain('secret-on-stderr');
  });

  it('runs the command line through the shell, as the SDK does', async () => {
    const answer = await runCredentialProcess({
      profile: 'p',
      command: `printf '%s' '{"Version":1,"AccessKeyId":"AK","SecretAccessKey":"SK","SessionToken":"T"}' | cat`,
      deadlineMs: 10_000,
    });
    expect(answer.keys.sessionToken?.reveal()).toBe('T');
  });
});

describe('interop and use', () => {
  it('botocore reads the same profile and gets the same keys', async () => {
    const script = [
      'import botocore.session, json',
      "c = botocore.session.Session(profile='helper').get_credentials().get_frozen_credentials()",
      'print(json.dumps([c.access_key, c.secret_key]))',
    ].join('\n');
    const env = { ...cleanEnv(), ...home.env };
    const run = await promisify(execFile)('python3', ['-c', script], { env, timeout: 30_000 });
    const ours = await runCredentialProcess({
      profile: 'helper',
      command: join(dir, 'good.sh'),
      deadlineMs: 10_000,
    });
    expect(JSON.parse(run.stdout)).toEqual([
      ours.keys.accessKeyId.reveal(),
      ours.keys.secretAccessKey.reveal(),
    ]);
  });

  it('switchyard assume with a helper that never answers exits at the deadline, the helper killed', async () => {
    rmSync(join(dir, 'sleep.pid'), { force: true });
    // The CLI's deadline is the SDK gateway's default, 32 s: a slow test, the symptom itself.
    const run = await runCli(['assume', ROLE.arn, 'never', '--source-profile', 'hanging'], {
      env: home.env,
      timeoutMs: 90_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('profile "hanging"');
    expect(await waitGone(readFileSync(join(dir, 'sleep.pid'), 'utf8').trim())).toBe(true);
    expect(home.readCredentials()).not.toContain('[never]');
  }, 120_000);

  it('switchyard assume signs with the helper keys itself', async () => {
    const run = await runCli(['assume', ROLE.arn, 'from-helper', '--source-profile', 'helper'], {
      env: home.env,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(sts.requests.at(-1)).toMatchObject({ accessKeyId: user.accessKeyId, status: 200 });
    expect(sts.requests.at(-1)?.userAgent?.split('/')[0]).toBe('switchyard');
  });
});
