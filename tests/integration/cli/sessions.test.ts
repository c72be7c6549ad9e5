import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { watch, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { cliPath, runCli } from '../../support/run-cli';
import {
  SOURCE_KEY,
  SOURCE_SECRET,
  USER_FILE,
  useSourceRoleHome,
} from '../../support/source-role-home';
import { findAwsCli, requireTool } from '../../support/tools';

const run = promisify(execFile);
const world = useSourceRoleHome();
const { addRole, cli } = world;

describe('activate / status / deactivate without a refresher', () => {
  it('activates by label, reports status, deactivates', async () => {
    const activated = await cli(['activate', 'dev admin', '--json']);
    expect(activated.stderr).toBe('');
    expect(activated.code).toBe(0);
    const [record] = JSON.parse(activated.stdout) as Record<string, unknown>[];
    expect(record).toMatchObject({ id: world.roleId, profile: 'dev', state: 'active' });
    expect(record!.expiresInSeconds as number).toBeGreaterThan(3500);
    expect(world.home.readCredentials()).toMatch(/\[dev\]\naws_access_key_id = ASIA/);

    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^ROLE +PROFILE +STATE +EXPIRES +RENEWAL\n/);
    // Nothing renews it: the row says when it lapses, as the tray does.
    expect(status.stdout).toMatch(
      /Dev admin +dev +active +in (59m|1h 00m) +lapses \d\d:\d\d \(not renewed\)\n/,
    );
    const json = JSON.parse((await cli(['status', '--json'])).stdout) as Record<string, unknown>[];
    expect(json[0]!.renewal).toEqual({
      kind: 'lapses',
      at: json[0]!.expiration,
      reason: 'no-refresher',
    });

    const plain = await cli(['activate', world.roleId]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/no refresher is running/);

    const deactivated = await cli(['deactivate', world.roleId]);
    expect(deactivated.code).toBe(0);
    expect(world.home.readCredentials()).toBe(USER_FILE);
    const after = JSON.parse((await cli(['status', '--json'])).stdout) as { state: string }[];
    expect(after[0]!.state).toBe('inactive');
  });

  it('activates several roles in one round: one credentials-file write for all of them', async () => {
    const ops = addRole('Ops', 'ops', 'ops');
    const audit = addRole('Audit', 'audit', 'audit');
    // Every write renames a new file over the credentials path: count those renames.
    const renames: string[] = [];
    const watcher = watch(world.home.awsDir, (event, name) => {
      if (event === 'rename' && name === 'credentials') renames.push(name);
    });
    try {
      const result = await cli(['activate', world.roleId, ops, audit, '--json']);
      expect(result.code).toBe(0);
      const records = JSON.parse(result.stdout) as { id: string; state: string }[];
      expect(records.map((r) => [r.id, r.state])).toEqual([
        [world.roleId, 'active'],
        [ops, 'active'],
        [audit, 'active'],
      ]);
      await new Promise((r) => setTimeout(r, 100)); // let the last inotify events arrive
    } finally {
      watcher.close();
    }
    expect(world.home.readCredentials()).toMatch(/\[dev\][\s\S]*\[ops\][\s\S]*\[audit\]/);
    expect(renames).toHaveLength(1);
  });

  it('rejects unknown roles with exit 2 and fails with exit 1 on AWS errors', async () => {
    const unknown = await cli(['activate', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no role with id or label "nope"/);
    world.sts.setDefaultFault({
      kind: 'error',
      code: 'AccessDenied',
      status: 403,
      message: 'User: x is not authorized to perform: sts:AssumeRole',
    });
    try {
      const denied = await cli(['activate', world.roleId]);
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/The trust policy of role \S+ does not let .* assume it/);
      expect(world.home.readCredentials()).toBe(USER_FILE);
    } finally {
      world.sts.setDefaultFault(null);
    }
  });
});

describe('naming roles', () => {
  it('refuses a label two roles share, listing their ids, and changes nothing', async () => {
    const otherId = addRole('dev ADMIN', 'dev-admin-2', 'dev2');
    const before = await cli(['status', '--json']);
    const calls = world.sts.requests.length;
    const result = await cli(['activate', 'Dev admin']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`(ids ${world.roleId}, ${otherId})`);
    expect(result.stderr).toMatch(/name the role by its id/);
    expect(world.home.readCredentials()).toBe(USER_FILE);
    expect((await cli(['status', '--json'])).stdout).toBe(before.stdout);
    expect(world.sts.requests.length).toBe(calls);
  });

  it('matches labels as the catalog does: Unicode form and edge spaces do not matter', async () => {
    const cafe = addRole('Caf\u00e9 prod', 'cafe', 'cafe');
    const result = await cli(['activate', ' CAFE\u0301 PROD ', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { id: string }[])[0]!.id).toBe(cafe);
  });
});

/**
 * An MFA session is cached in the OS keychain, so these need a real Secret
 * Service: scripts/with-keyring.sh sets SWITCHYARD_SECRET_SERVICE=1.
 */
const keychain = process.env.SWITCHYARD_SECRET_SERVICE === '1';

describe.skipIf(!keychain)(
  `activate with MFA${keychain ? '' : ' (skipped: run under scripts/with-keyring.sh)'}`,
  () => {
    /** A role behind MFA, assumed from a source profile of its own (the keychain outlives the test home). */
    function addMfaRole(): { id: string; before: string } {
      const source = `mfa-source-${randomBytes(4).toString('hex')}`;
      writeFileSync(
        world.home.credentialsPath,
        `${USER_FILE}[${source}]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
      );
      world.sts.configureRole('arn:aws:iam::210987654321:role/guarded', { requireMfa: true });
      const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
      try {
        const { id } = catalog.add({
          label: 'Guarded',
          roleArn: 'arn:aws:iam::210987654321:role/guarded',
          profile: 'guarded',
          source: { kind: 'profile', profile: source },
          mfaSerial: world.sts.mfa!.serial,
        });
        return { id, before: world.home.readCredentials() };
      } finally {
        catalog.close();
      }
    }

    it('reads the code from stdin when --mfa-code is not given', async () => {
      const { id } = addMfaRole();
      const result = await runCli(['activate', id, '--json'], {
        env: world.home.env,
        input: `${world.sts.mfa!.code}\n`,
      });
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { state: string }[])[0]!.state).toBe('active');
      expect(world.home.readCredentials()).toMatch(/\[guarded\]\naws_access_key_id = ASIA/);
    });

    it('with nothing on stdin, says how to give the code in one line (exit 2)', async () => {
      const { id, before } = addMfaRole();
      const result = await cli(['activate', id]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^switchyard: --mfa-code: no MFA code for arn:aws:iam::\d+:mfa\/\S+; pass --mfa-code CODE, type it at the prompt, or pipe it on stdin\n$/,
      );
      expect(world.home.readCredentials()).toBe(before);
    });
  },
);

describe('credential-process', () => {
  it('prints Version 1 JSON with Expiration, without touching the credentials file', async () => {
    const result = await cli(['credential-process', world.roleId]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, string | number>;
    expect(out.Version).toBe(1);
    expect(out.AccessKeyId).toMatch(/^ASIA/);
    expect(Date.parse(out.Expiration as string)).toBeGreaterThan(Date.now());
    expect(world.home.readCredentials()).toBe(USER_FILE);
  });

  const aws = requireTool('aws-cli');
  it.skipIf(!aws.available)(`is accepted by the real AWS CLI ${aws.skipReason}`, async () => {
    writeFileSync(
      world.home.configPath,
      `[profile via-process]\ncredential_process = ${process.execPath} ${cliPath} credential-process ${world.roleId}\nregion = us-east-1\n`,
    );
    const env = { ...world.home.env };
    delete env.AWS_ENDPOINT_URL_STS; // CLI v2.9 predates it; the credential process still needs it:
    env.AWS_ENDPOINT_URL_STS = world.sts.endpoint;
    const { stdout } = await run(
      findAwsCli()!.path,
      [
        'sts',
        'get-caller-identity',
        '--profile',
        'via-process',
        '--endpoint-url',
        world.sts.endpoint,
        '--output',
        'json',
      ],
      { env, timeout: 30_000 },
    );
    expect((JSON.parse(stdout) as { Arn: string }).Arn).toMatch(
      /^arn:aws:sts::210987654321:assumed-role\/dev-admin\//,
    );
  });
});

describe('switchyard daemon', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  function startDaemon(): {
    child: ChildProcess;
    output: () => string;
    waitFor: (re: RegExp) => Promise<void>;
  } {
    const child = spawn(process.execPath, [cliPath, 'daemon'], {
      env: world.home.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`timed out waiting for ${re} in:\n${out}`)),
          15_000,
        );
        const check = () => {
          if (re.test(out)) {
            clearTimeout(deadline);
            child.stdout!.off('data', check);
            resolve();
          }
        };
        child.stdout!.on('data', check);
        check();
      });
    return { child, output: () => out, waitFor };
  }

  it('passes several roles of one command to the refresher together, and reports each', async () => {
    const opsId = addRole('Ops viewer', 'ops-viewer', 'ops');
    const daemon = startDaemon();
    await daemon.waitFor(/refreshing 0 active role\(s\)/);

    const unknown = await cli(['activate', world.roleId, 'no-such-role']);
    expect(unknown.code).toBe(2); // refused before anything is asked
    const both = await cli(['activate', world.roleId, opsId, '--json']);
    expect(both.stderr).toBe('');
    expect(both.code).toBe(0);
    const records = JSON.parse(both.stdout) as { id: string; state: string }[];
    expect(records.map((r) => [r.id, r.state])).toEqual([
      [world.roleId, 'active'],
      [opsId, 'active'],
    ]);
    const text = world.home.readCredentials();
    expect(text).toMatch(/\[dev\]\naws_access_key_id = ASIA/);
    expect(text).toMatch(/\[ops\]\naws_access_key_id = ASIA/);
    const off = await cli(['deactivate', world.roleId, opsId]);
    expect(off.code).toBe(0);
    expect(world.home.readCredentials()).toBe(USER_FILE);
  });

  it('takes requests from other commands, keeps one refresher, and stops cleanly on SIGTERM', async () => {
    const daemon = startDaemon();
    await daemon.waitFor(/refreshing 0 active role\(s\)/);

    const activated = await cli(['activate', world.roleId, '--json']);
    expect(activated.stderr).toBe('');
    expect(activated.code).toBe(0);
    expect(JSON.parse(activated.stdout)[0]).toMatchObject({ state: 'active' });
    expect(world.home.readCredentials()).toMatch(/\[dev\]\naws_access_key_id = ASIA/);
    await daemon.waitFor(/Dev admin \[dev\] active, expires in/);

    const second = startDaemon();
    await second.waitFor(
      /switchyard daemon \(pid \d+ on .+\) already refreshes sessions; staying passive/,
    );
    second.child.kill('SIGTERM');

    const status = JSON.parse((await cli(['status', '--json'])).stdout) as {
      state: string;
      renewal?: unknown;
    }[];
    expect(status[0]!.state).toBe('active');
    // The daemon renews it, and the passive status says so.
    expect(status[0]!.renewal).toEqual({ kind: 'renews' });
    expect((await cli(['status'])).stdout).toMatch(/Dev admin +dev +active +in \S+ +renews itself/);

    const deactivated = await cli(['deactivate', world.roleId]);
    expect(deactivated.code).toBe(0);
    expect(world.home.readCredentials()).toBe(USER_FILE);

    const exited = new Promise<number | null>((resolve) => daemon.child.once('exit', resolve));
    daemon.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(daemon.output()).toMatch(/SIGTERM: stopping/);
    expect(daemon.output()).not.toContain(SOURCE_SECRET);
  });
});
