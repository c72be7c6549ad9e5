import { execFileSync } from 'node:child_process';
import {
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli, runCliRecordingBuiltins, type RunResult } from '../../support/run-cli';
import { createLiveRoleHome } from '../../support/live-role-home';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

/**
 * bin/switchyard's code cache: the compiled one-file bundles (`assume`, `exec`/`env`, and
 * the AWS SDK's gateway they reach past plain keys) are kept in
 * $XDG_CACHE_HOME/switchyard/code-cache on every Node version. V8
 * takes a code cache on trust (a damaged one aborts the process), so the file
 * carries a digest that is checked first; a bad cache must only cost speed.
 */

const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const CREDENTIALS = `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;
const isRoot = process.getuid?.() === 0;
const FAKE_NODE_VERSION = fileURLToPath(
  new URL('./children/fake-node-version.cjs', import.meta.url),
);

let sts: FaultStsServer;
let home: TempAwsHome;

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/builder');
});
afterAll(async () => {
  await sts.close();
});
afterEach(() => {
  home?.cleanup();
  sts.reset();
});

function setup(config?: string): TempAwsHome {
  home = createTempAwsHome({
    credentials: CREDENTIALS,
    ...(config === undefined ? {} : { config }),
    env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
  });
  return home;
}

const cacheDir = () =>
  join(home.env.XDG_CACHE_HOME!, 'switchyard', 'code-cache', `${process.version}-${process.arch}`);
const cacheFiles = () => readdirSync(cacheDir()).filter((name) => name.endsWith('.v8'));

async function assume(profile: string, ...extra: string[]): Promise<RunResult> {
  const result = await runCli(['assume', ROLE, profile, '--source-profile', 'source', ...extra], {
    env: home.env,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(home.readCredentials()).toMatch(new RegExp(`\\[${profile}\\][^[]*aws_session_token`));
  return result;
}

describe('the code cache of `switchyard assume`', () => {
  it('is written on the first run, private to the user, and used as it is on the next', async () => {
    setup();
    await assume('first');
    const [name] = cacheFiles();
    expect(cacheFiles()).toHaveLength(1);
    const path = join(cacheDir(), name!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
    const written = readFileSync(path);

    await assume('second');
    // Accepted (by the digest and by V8), so not written again.
    expect(readFileSync(path).equals(written)).toBe(true);
    expect(cacheFiles()).toEqual([name]);
  });

  it.each([
    ['damaged inside', (bytes: Buffer) => flipBytes(bytes)],
    ['cut short', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['empty', () => Buffer.alloc(0)],
  ])(
    'only costs speed when %s: the run succeeds and the cache is written again',
    async (_, damage) => {
      setup();
      await assume('first');
      const path = join(cacheDir(), cacheFiles()[0]!);
      const good = readFileSync(path);
      writeFileSync(path, damage(good));

      await assume('second');
      const rewritten = readFileSync(path);
      expect(rewritten.length).toBeGreaterThan(32);
      await assume('third');
      expect(readFileSync(path).equals(rewritten)).toBe(true);
    },
  );

  it("loads neither node:module nor Node's ES module loader on the way", async () => {
    setup();
    for (const profile of ['first', 'second']) {
      const { result, builtins } = await runCliRecordingBuiltins(
        ['assume', ROLE, profile, '--source-profile', 'source'],
        home.env,
        join(home.home, 'builtins.txt'),
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(builtins).toContain('vm');
      expect(builtins).not.toContain('module');
      expect(builtins).not.toContain('internal/modules/esm/loader');
    }
  });

  it('costs the commands that do not use it nothing: --version loads neither node:crypto nor node:vm', async () => {
    setup();
    const { result, builtins } = await runCliRecordingBuiltins(
      ['--version'],
      home.env,
      join(home.home, 'builtins.txt'),
    );
    expect(result.code).toBe(0);
    expect(builtins).toContain('path');
    expect(builtins).not.toContain('crypto');
    expect(builtins).not.toContain('vm');
  });

  it('is kept per Node version: two versions in turn do not replace each other', async () => {
    setup();
    await assume('first');
    const ours = join(cacheDir(), cacheFiles()[0]!);
    const written = readFileSync(ours);
    const other = await runCli(['assume', ROLE, 'other', '--source-profile', 'source'], {
      env: {
        ...home.env,
        NODE_OPTIONS: `--require ${FAKE_NODE_VERSION}`,
        FAKE_NODE_VERSION: 'v99.0.0',
      },
    });
    expect(other.stderr).toBe('');
    expect(other.code).toBe(0);
    const otherFolder = join(cacheDir(), '..', `v99.0.0-${process.arch}`);
    const [otherCache] = readdirSync(otherFolder);
    expect(otherCache).toMatch(/^assume\.cjs-[0-9a-f]{32}\.v8$/);
    await assume('second');
    // Ours was used as it was (not written again), and the other version's is still there.
    expect(readFileSync(ours).equals(written)).toBe(true);
    expect(readdirSync(otherFolder)).toEqual([otherCache]);
  });

  it('loads the help texts only to print them, from their own bundle', async () => {
    setup();
    await assume('first');
    expect(cacheFiles()).toEqual([expect.stringMatching(/^assume\.cjs-/)]);
    for (const command of ['assume', 'exec', 'env']) {
      const result = await runCli([command, '--help'], { env: home.env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: switchyard ${command} `));
    }
    expect(cacheFiles().sort()).toEqual([
      expect.stringMatching(/^assume\.cjs-/),
      expect.stringMatching(/^cli-help\.cjs-/),
      expect.stringMatching(/^exec\.cjs-/),
    ]);
  });

  it('is never waited on: a FIFO where the cache goes is passed over', async () => {
    setup();
    await assume('first');
    const path = join(cacheDir(), cacheFiles()[0]!);
    rmSync(path);
    execFileSync('mkfifo', [path]);
    await assume('second');
    // Switchyard's own folder: the cache is written in its place, by rename.
    expect(statSync(path).isFile()).toBe(true);
  });

  it('still reaches the AWS SDK past plain keys, with the cache and without', async () => {
    setup(`[profile hop]\nrole_arn = ${ROLE}\nsource_profile = source\n`);
    const next = 'arn:aws:iam::333333333333:role/next';
    const cached = (name: string) => readFileSync(join(cacheDir(), name));
    let written = new Map<string, Buffer>();
    for (const profile of ['one', 'two']) {
      const result = await runCli(['assume', next, profile, '--source-profile', 'hop', '--json'], {
        env: home.env,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ chained: true });
      if (profile === 'one') written = new Map(cacheFiles().map((name) => [name, cached(name)]));
    }
    // The gateway's bundle keeps a cache of its own, used as it is on the second run.
    expect([...written.keys()].sort()).toEqual([
      expect.stringMatching(/^assume\.cjs-[0-9a-f]{32}\.v8$/),
      expect.stringMatching(/^sts-gateway\.cjs-[0-9a-f]{32}\.v8$/),
    ]);
    for (const [name, bytes] of written) expect(cached(name).equals(bytes)).toBe(true);
  });

  it('exec and env keep a cache of their own bundle, used as it is on the next run', async () => {
    home = createLiveRoleHome({ label: 'Fast', name: 'fast' });
    const run = async (args: string[]) => {
      const result = await runCli(args, { env: home.env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    };
    await run(['exec', 'Fast', '--no-endpoint', '--', 'true']);
    const names = cacheFiles().sort();
    expect(names).toEqual([expect.stringMatching(/^exec\.cjs-[0-9a-f]{32}\.v8$/)]);
    const execCache = join(cacheDir(), names[0]!);
    const written = readFileSync(execCache);
    await run(['env', 'Fast', '--shell', 'bash']);
    await run(['exec', 'Fast', '--no-endpoint', '--', 'true']);
    expect(readFileSync(execCache).equals(written)).toBe(true);
    expect(cacheFiles().sort()).toEqual(names);
  });

  it.skipIf(!isRoot)(
    'is not written by root into a cache folder root does not own (sudo -E)',
    async () => {
      setup();
      const userCache = join(home.home, 'user-cache');
      mkdirSync(userCache);
      chownSync(userCache, 65534, 65534);
      home.env.XDG_CACHE_HOME = userCache;
      await assume('first');
      expect(readdirSync(userCache)).toEqual([]);
    },
  );
});

/** XORs bytes past the digest: the digest must catch it, as V8 (release builds) would not. */
function flipBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = 5000; i < copy.length; i += 997) copy[i]! ^= 0x5a;
  return copy;
}
