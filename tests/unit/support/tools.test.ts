import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findAwsCli,
  findChromium,
  hasMoto,
  hasSecretService,
  requireTool,
  resetToolCache,
  which,
} from '../../support/tools';

const saved = { CI: process.env.CI, SWITCHYARD_PYTHON: process.env.SWITCHYARD_PYTHON };

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetToolCache();
});

describe('tool discovery', () => {
  it('which() finds executables on PATH only', () => {
    expect(which('sh')).toMatch(/\/sh$/);
    expect(which('switchyard-no-such-tool')).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-which-'));
    try {
      const plain = join(dir, 'plain');
      writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 });
      expect(which(plain)).toBeUndefined(); // exists but not executable
      chmodSync(plain, 0o755);
      expect(which(plain)).toBe(plain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports the AWS CLI with its major version, preferring /usr/bin/aws', () => {
    const cli = findAwsCli();
    if (!cli) return; // machine without any AWS CLI: nothing to check
    expect(cli.major).toBe(Number(cli.version.split('.')[0]));
    if (which('/usr/bin/aws')) expect(cli.path).toBe('/usr/bin/aws');
  });

  it('answers the other probes consistently with requireTool', () => {
    delete process.env.CI;
    expect(requireTool('moto').available).toBe(hasMoto());
    expect(requireTool('chromium').available).toBe(findChromium() !== undefined);
    expect(requireTool('secret-service').available).toBe(hasSecretService());
  });

  it('returns a skip reason for a missing tool outside CI', () => {
    delete process.env.CI;
    process.env.SWITCHYARD_PYTHON = '/nonexistent/python3';
    resetToolCache();
    const status = requireTool('moto');
    expect(status).toEqual({
      available: false,
      reason: 'moto is not importable with /nonexistent/python3',
      skipReason: '(skipped: moto is not importable with /nonexistent/python3)',
    });
  });

  it('throws for a missing tool when CI=true', () => {
    process.env.CI = 'true';
    process.env.SWITCHYARD_PYTHON = '/nonexistent/python3';
    resetToolCache();
    expect(() => requireTool('moto')).toThrow(/CI=true and a required tool is missing: moto/);
  });

  it('an available tool passes under CI=true too', () => {
    process.env.CI = 'true';
    if (!hasSecretService()) return;
    expect(requireTool('secret-service')).toEqual({ available: true, skipReason: '' });
  });
});
