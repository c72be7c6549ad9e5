import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { repoRoot } from '../support/run-cli';

/**
 * electron-builder packages the app for Linux as a directory against a
 * stand-in Electron (no download), and scripts/check-package.mjs checks the
 * result. It takes a few seconds; the bound is for a slow CI machine.
 */
const TIMEOUT_MS = 5 * 60_000;

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

interface Summary {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly error?: string;
  readonly checks: readonly Check[];
  readonly asarEntries?: readonly string[];
}

let summary: Summary;
let stderr: string;

beforeAll(() => {
  const run = spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts', 'check-package.mjs'), '--json'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  stderr = run.stderr ?? '';
  const last = (run.stdout ?? '').trim().split('\n').at(-1) ?? '';
  try {
    summary = JSON.parse(last) as Summary;
  } catch {
    summary = {
      ok: false,
      durationMs: 0,
      error: `no summary (exit ${run.status}): ${stderr.slice(-2000)}`,
      checks: [],
    };
  }
}, TIMEOUT_MS);

function checkNamed(prefix: string): Check | undefined {
  return summary.checks.find((check) => check.name.startsWith(prefix));
}

describe('packaging (Linux dir, stand-in Electron)', () => {
  it('packages without error', () => {
    expect(summary.error).toBeUndefined();
    expect(summary.checks.filter((check) => !check.ok)).toEqual([]);
    expect(summary.ok).toBe(true);
  });

  it.each([
    'executable renamed to switchyard',
    'fuses flipped as electron-builder.yml says',
    'asar holds the app bundles and production dependencies',
    'asar holds no sources, tests, dev dependencies or source maps',
    'packaged package.json points at the main bundle',
    'packaged package.json names the product Switchyard',
    'keytar native module unpacked from the asar',
    'asar marks keytar.node as unpacked',
    'tray icons shipped in resources/tray',
  ])('%s', (name) => {
    expect(checkNamed(name), `${name} was not checked`).toBeDefined();
    expect(checkNamed(name)?.ok, checkNamed(name)?.detail).toBe(true);
  });

  it('the asar holds the three bundles electron-vite builds', () => {
    expect(summary.asarEntries).toEqual(
      expect.arrayContaining([
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]),
    );
  });
});
