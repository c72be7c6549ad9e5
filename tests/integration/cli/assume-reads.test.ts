/**
 * One `switchyard assume` asks for the shared files several times (the source
 * profile, the region, the source keys): those reads are served from one read
 * while the files are unchanged (sdk-shared-config.ts), and a file changed
 * between two asks is read again. Counted with a preload that wraps
 * node:fs/promises' open and node:fs's openSync, the engine's ways of opening
 * them. And the command makes those calls synchronously, without Node's
 * fs/promises (core/fs/sync-file-ops.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../../../electron/core/sts/sdk-shared-config';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli, runCliRecordingBuiltins } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const COUNT_OPENS = fileURLToPath(new URL('./children/count-opens.cjs', import.meta.url));
const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';

let sts: FaultStsServer;
let home: TempAwsHome;

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/builder');
});
afterAll(() => sts.close());
afterEach(() => home?.cleanup());

async function opensDuringAssume(): Promise<Map<string, number>> {
  const record = join(home.home, 'opens.txt');
  const result = await runCli(['assume', ROLE, 'target', '--source-profile', 'source'], {
    env: { ...home.env, NODE_OPTIONS: `--require ${COUNT_OPENS}`, COUNT_OPENS_FILE: record },
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const counts = new Map<string, number>();
  for (const line of readFileSync(record, 'utf8').split('\n').filter(Boolean)) {
    const space = line.indexOf(' ');
    counts.set(line.slice(space + 1), Number(line.slice(0, space)));
  }
  return counts;
}

describe('the shared files in one switchyard assume', () => {
  it('are read once for the source profile, the region and the source keys', async () => {
    home = createTempAwsHome({
      credentials: `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
      config: '[profile source]\nregion = us-east-1\n',
      env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
    });
    const opens = await opensDuringAssume();
    expect(home.readCredentials()).toMatch(/\[target\][^[]*aws_session_token/);
    // The config file: that one read, the writability check, and the check
    // under the credentials lock (4 before the reads were shared).
    expect(opens.get(home.configPath)).toBe(3);
    // The credentials file: those two, and the write's own reads.
    expect(opens.get(home.credentialsPath)).toBeLessThanOrEqual(5);
  });

  it('are read and written without fs.promises (no thread pool round trips)', async () => {
    home = createTempAwsHome({
      credentials: `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n[other]\nregion = eu-west-1\n`,
      env: { AWS_ENDPOINT_URL_STS: sts.endpoint },
    });
    const { result, builtins } = await runCliRecordingBuiltins(
      ['assume', ROLE, 'target', '--source-profile', 'source'],
      home.env,
      join(home.home, 'builtins.txt'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(home.readCredentials()).toMatch(
      /\[other\]\nregion = eu-west-1\n[^]*\[target\][^[]*aws_session_token/,
    );
    expect(builtins).toContain('fs');
    // What fs.promises loads (the public node:fs/promises too).
    expect(builtins).not.toContain('internal/fs/promises');
  });

  it('are read again once changed', async () => {
    home = createTempAwsHome({ config: '[default]\nregion = eu-west-1\n' });
    const paths = { configPath: home.configPath, credentialsPath: home.credentialsPath };
    const first = await loadSharedConfig(paths);
    expect(await loadSharedConfig(paths)).toBe(first);
    writeFileSync(home.configPath, '[default]\nregion = ap-southeast-2\n');
    expect((await loadSharedConfig(paths)).configFile.default?.region).toBe('ap-southeast-2');
  });
});
