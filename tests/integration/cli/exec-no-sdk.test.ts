/**
 * `exec` and `env` on a role with a live session read the catalog and the
 * credentials file and load no AWS SDK code (the bundle's chunks that hold
 * it are told apart by their source maps). `credential-process` on the same
 * role, which starts the engine, is the control: it does load the SDK.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/run-cli';
import { createLiveRoleHome } from '../../support/live-role-home';
import type { TempAwsHome } from '../../support/temp-aws-home';

const RECORDER = fileURLToPath(new URL('./children/record-modules.mjs', import.meta.url));

let home: TempAwsHome;

beforeEach(() => {
  home = createLiveRoleHome(
    { label: 'Fast', name: 'fast' },
    {
      // Nothing listens here: a call to STS would fail the command.
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
    },
  );
});
afterEach(() => home.cleanup());

/** Runs the CLI, returns how many loaded chunks carry AWS SDK (or Smithy) code. */
function sdkChunksLoaded(args: string[]): number {
  const record = join(home.home, 'modules.txt');
  const result = spawnSync(process.execPath, ['--import', RECORDER, cliPath, ...args], {
    env: { ...home.env, RECORD_MODULES_FILE: record },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const chunks = readFileSync(record, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:') && url.includes('/dist/cli/'));
  expect(chunks.length).toBeGreaterThan(1);
  return chunks.filter((url) => {
    const map = JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')) as {
      sources: string[];
    };
    return map.sources.some((source) => /node_modules\/@(aws-sdk|smithy)\//.test(source));
  }).length;
}

describe('a live session needs no AWS SDK', () => {
  it('exec (asking for a grant first) and exec --no-endpoint load none', () => {
    expect(sdkChunksLoaded(['exec', 'Fast', '--', 'true'])).toBe(0);
    expect(sdkChunksLoaded(['exec', 'Fast', '--no-endpoint', '--', 'true'])).toBe(0);
  });

  it('env loads none', () => {
    expect(sdkChunksLoaded(['env', 'Fast', '--shell', 'bash'])).toBe(0);
  });

  it('credential-process, which starts the engine, does (the check sees SDK chunks)', () => {
    expect(sdkChunksLoaded(['credential-process', 'Fast'])).toBeGreaterThan(0);
  });
});
