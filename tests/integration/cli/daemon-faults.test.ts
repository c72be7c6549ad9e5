import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { addRequest, setDesired } from '../../../electron/core/refresh/state-changes';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import type { SwitchyardState } from '../../../electron/core/refresh/state-model';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { cliPath, runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const USER_FILE = `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;
/** The server's clock runs this far behind: a 900 s session lasts 10 s of real time. */
const SHORT_LIFE_OFFSET_MS = -890_000;
/** A liveness bound for waiting on another process, not a speed assertion. */
const WAIT_MS = 25_000;

let sts: FaultStsServer;
let home: TempAwsHome;
let outDir: string;
let daemonScript: string;
const children: ChildProcess[] = [];
const outputs = new Map<ChildProcess, () => string>();

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
  outDir = mkdtempSync(join(tmpdir(), 'switchyard-daemon-faults-'));
  daemonScript = join(outDir, 'throwing-daemon.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./children/throwing-daemon.ts', import.meta.url))],
    outfile: daemonScript,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['keytar', 'electron'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'error',
  });
});
afterAll(async () => {
  await sts.close();
  rmSync(outDir, { recursive: true, force: true });
});
beforeEach(() => {
  sts.reset();
  sts.setClockOffset(0);
  home = createTempAwsHome({ credentials: USER_FILE, env: { AWS_ENDPOINT_URL_STS: sts.endpoint } });
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  home.cleanup();
});

function addRole(label: string, profile: string, source: string, durationSeconds?: number) {
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  try {
    return catalog.add({
      label,
      roleArn: `arn:aws:iam::210987654321:role/${profile}`,
      profile,
      source: { kind: 'profile', profile: source },
      ...(durationSeconds ? { durationSeconds } : {}),
    }).id;
  } finally {
    catalog.close();
  }
}

function accessKeyOf(profile: string): string | undefined {
  const text = home.readCredentials();
  const start = text.indexOf(`[${profile}]`);
  if (start === -1) return undefined;
  return /aws_access_key_id = (\S+)/.exec(text.slice(start))?.[1];
}

/** Real-time polling for what another process does, bounded. */
async function until(what: string, condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    const seen = children.at(-1)
      ? `; the process printed:\n${outputs.get(children.at(-1)!)?.()}`
      : '';
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function start(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  outputs.set(child, () => out);
  return { child, output: () => out };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Replaces a file in one step, so a watcher never reads it half-written. */
function replaceFile(path: string, text: string): void {
  const temp = `${path}.test-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

function stateText(): string {
  try {
    return readFileSync(join(home.switchyardConfigDir, 'state.json'), 'utf8');
  } catch {
    return '';
  }
}

function parsedState(): SwitchyardState | undefined {
  try {
    return JSON.parse(stateText()) as SwitchyardState;
  } catch {
    return undefined;
  }
}

describe('a daemon engine whose callbacks throw', () => {
  it('survives a broken catalog, a garbage state.json and throwing listeners, keeps refreshing, and picks up the fixed catalog', async () => {
    sts.setClockOffset(SHORT_LIFE_OFFSET_MS);
    const roleId = addRole('Dev admin', 'dev', 'source', 900);
    const catalogPath = join(home.switchyardConfigDir, 'catalog.json');
    const good = readFileSync(catalogPath, 'utf8');
    const daemon = start([daemonScript, home.switchyardConfigDir, roleId]);
    await until('the daemon to activate the role', () => daemon.output().includes('"ready"'));

    // A request makes the state watcher's callback run, and throw.
    await openStateFile({ configDir: home.switchyardConfigDir }).update((s) =>
      addRequest(s, {
        id: 'r1',
        action: 'refresh',
        roleId,
        createdAt: Date.now(),
        from: { pid: process.pid, kind: 'cli' },
      }),
    );
    await until('the thrown callback to be reported', () =>
      /"notice":"internal","title":"[^"]*state file failed/.test(daemon.output()),
    );
    writeFileSync(join(home.switchyardConfigDir, 'state.json'), '{"version": 1, "sess');
    // Whole-file replacements: an in-place write could be read half-done (empty,
    // then partial), which is a second broken version and rightly a second notice.
    replaceFile(catalogPath, good.slice(0, Math.floor(good.length / 2)));
    await until('the broken catalog to be told', () =>
      daemon.output().includes('"notice":"catalog"'),
    );

    // Refreshing goes on: the session is renewed after its due time.
    const before = accessKeyOf('dev');
    await until('a refresh with the broken files in place', () => {
      const now = accessKeyOf('dev');
      return now !== undefined && now !== before;
    });
    // The damaged state.json was set aside and rebuilt with the daemon's session.
    await until('state.json to be rebuilt', () => parsedState()?.sessions[roleId] !== undefined);
    expect(parsedState()!.sessions[roleId]!.desired).toBe('active');

    replaceFile(catalogPath, good.replace('"Dev admin"', '"Dev fixed"'));
    await until('the fixed catalog to be used', () => daemon.output().includes('"Dev fixed"'));
    expect(daemon.output()).toMatch(/"notice":"catalog","title":"[^"]*readable again/);
    expect(daemon.output().match(/"notice":"catalog"/g)).toHaveLength(2);
    expect(daemon.output()).toMatch(/"notice":"state"/);

    expect(daemon.child.exitCode).toBeNull();
    const exited = exitOf(daemon.child);
    daemon.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(daemon.output()).not.toContain(SOURCE_SECRET);
  });
});

describe('switchyard daemon on SIGTERM', () => {
  it('exits 0 with a credential_process that never returns and an STS call that never answers', async () => {
    writeFileSync(home.configPath, `[profile never-answers]\ncredential_process = sleep 30\n`);
    const stuck = addRole('Stuck', 'stuck', 'never-answers');
    const hung = addRole('Hung', 'hung', 'source');
    const hungArn = 'arn:aws:iam::210987654321:role/hung';
    sts.inject({ kind: 'hang', action: 'AssumeRole', roleArn: hungArn });
    // Both were active when the daemon last ran: it refreshes them as it starts.
    await openStateFile({ configDir: home.switchyardConfigDir }).update((s) =>
      setDesired(setDesired(s, stuck, 'active', Date.now()), hung, 'active', Date.now()),
    );
    const daemon = start([cliPath, 'daemon']);
    await until('the hung AssumeRole', () => sts.requests.some((r) => r.roleArn === hungArn));

    const exited = exitOf(daemon.child);
    daemon.child.kill('SIGTERM');
    const bound = new Promise<'still running'>((resolve) =>
      setTimeout(() => resolve('still running'), 10_000).unref(),
    );
    expect(await Promise.race([exited, bound])).toBe(0);
    expect(daemon.output()).toMatch(/SIGTERM: stopping/);
  });

  it('leaves no credential_process helper running behind it', async () => {
    const pidFile = join(home.home, 'helper.pid');
    writeFileSync(
      home.configPath,
      `[profile never-answers]\ncredential_process = sh -c 'echo $$ > ${pidFile}; exec sleep 600'\n`,
    );
    const stuck = addRole('Stuck', 'stuck', 'never-answers');
    await openStateFile({ configDir: home.switchyardConfigDir }).update((s) =>
      setDesired(s, stuck, 'active', Date.now()),
    );
    const daemon = start([cliPath, 'daemon']);
    await until('the helper', () => readPid(pidFile) !== undefined);
    const helper = readPid(pidFile)!;
    try {
      expect(alive(helper)).toBe(true);
      const exited = exitOf(daemon.child);
      daemon.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await until('the helper to be gone', () => !alive(helper), 5_000);
    } finally {
      if (alive(helper)) process.kill(helper, 'SIGKILL');
    }
  });
});

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie (PID 1 in a container may never reap it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('a damaged state.json', () => {
  it('is set aside by `switchyard status`, which works and says so once', async () => {
    addRole('Dev admin', 'dev', 'source');
    writeFileSync(join(home.switchyardConfigDir, 'state.json'), 'not json at all');
    const first = await runCli(['status'], { env: home.env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Dev admin +dev +inactive/);
    const lines = first.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/state file was damaged and set aside: .*state\.json.*moved it to/);
    const second = await runCli(['status'], { env: home.env });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
  });

  it('is rebuilt with the running daemon\u2019s active sessions', async () => {
    const roleId = addRole('Dev admin', 'dev', 'source');
    const daemon = start([cliPath, 'daemon']);
    await until('the daemon', () => /refreshing 0 active role/.test(daemon.output()));
    const activated = await runCli(['activate', roleId], { env: home.env });
    expect(activated.code).toBe(0);

    writeFileSync(join(home.switchyardConfigDir, 'state.json'), '{"version": 1, "sessions": {');
    const status = await runCli(['status', '--json'], { env: home.env });
    expect(status.code).toBe(0);
    await until('the daemon to rebuild state.json', () => {
      const record = parsedState()?.sessions[roleId];
      return record?.desired === 'active' && record.state === 'active';
    });
    const after = await runCli(['status', '--json'], { env: home.env });
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout)[0]).toMatchObject({ id: roleId, state: 'active' });
    expect(daemon.output()).toMatch(/state file was damaged and set aside|status/);
    const exited = exitOf(daemon.child);
    daemon.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
