/**
 * `exec` and `env` on a role with a live session read the catalog and the
 * credentials file and load no AWS SDK code: they run from their one-file
 * bundle (dist/cli/exec.cjs), which holds none, and load none of the split
 * build's chunks (the chunks that hold the SDK are told apart by their source
 * maps). `credential-process` on the same role, which starts the engine, is
 * the control: it does load the SDK.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/run-cli';
import { createLiveRoleHome } from '../../support/live-role-home';
import type { TempAwsHome } from '../../support/temp-aws-home';

const RECORDER = fileURLToPath(new URL('./children/record-modules.mjs', import.meta.url));
const BUILTINS = fileURLToPath(new URL('./children/record-builtins.cjs', import.meta.url));

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

const SDK_SOURCE = /node_modules\/@(aws-sdk|smithy)\//;

function mapSources(file: string): string[] {
  return (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources;
}

/** Runs the CLI; returns the split build's ES modules it loaded, and how many carry AWS SDK (or Smithy) code. */
function splitModulesLoaded(args: string[]): { modules: number; sdk: number } {
  const record = join(home.home, 'modules.txt');
  const result = spawnSync(process.execPath, ['--import', RECORDER, cliPath, ...args], {
    env: { ...home.env, RECORD_MODULES_FILE: record },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  // The hooks see ES modules only: a command that loads none leaves no file.
  const chunks = (existsSync(record) ? readFileSync(record, 'utf8') : '')
    .split('\n')
    .filter((url) => url.startsWith('file:') && url.includes('/dist/cli/'));
  return {
    modules: chunks.length,
    sdk: chunks.filter((url) => mapSources(fileURLToPath(url)).some((s) => SDK_SOURCE.test(s)))
      .length,
  };
}

/** Runs the CLI; returns the Node built-in modules it loaded (e.g. `zlib`, `child_process`). */
function builtinsLoaded(args: string[]): string[] {
  const record = join(home.home, 'builtins.txt');
  const result = spawnSync(process.execPath, ['--require', BUILTINS, cliPath, ...args], {
    env: { ...home.env, RECORD_BUILTINS_FILE: record },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return readFileSync(record, 'utf8').split('\n').filter(Boolean);
}

describe('a live session needs no AWS SDK', () => {
  it('exec writes its audit line without loading node:zlib (only compressing a past month needs it)', () => {
    const loaded = builtinsLoaded(['exec', 'Fast', '--no-endpoint', '--', 'true']);
    expect(loaded).toContain('child_process'); // the recorder sees what the command loads
    expect(loaded).not.toContain('zlib');
    expect(readdirSync(join(home.switchyardConfigDir, 'audit'))).toHaveLength(1);
  });

  it('the exec and env bundle holds no SDK code', () => {
    const bundle = join(dirname(cliPath), '..', 'dist', 'cli', 'exec.cjs');
    const sources = mapSources(bundle);
    expect(sources.some((s) => s.endsWith('electron/cli/exec-main.ts'))).toBe(true);
    expect(sources.filter((s) => SDK_SOURCE.test(s) || s.includes('session-manager'))).toEqual([]);
  });

  it('exec (asking for a grant first) and exec --no-endpoint load none, nor any module of the split build', () => {
    expect(splitModulesLoaded(['exec', 'Fast', '--', 'true'])).toEqual({ modules: 0, sdk: 0 });
    expect(splitModulesLoaded(['exec', 'Fast', '--no-endpoint', '--', 'true'])).toEqual({
      modules: 0,
      sdk: 0,
    });
  });

  it('env loads none, nor any module of the split build', () => {
    expect(splitModulesLoaded(['env', 'Fast', '--shell', 'bash'])).toEqual({ modules: 0, sdk: 0 });
  });

  it('credential-process, which starts the engine, does (the check sees SDK chunks)', () => {
    const loaded = splitModulesLoaded(['credential-process', 'Fast']);
    expect(loaded.modules).toBeGreaterThan(1);
    expect(loaded.sdk).toBeGreaterThan(0);
  });
});
