import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, vi } from 'vitest';

import type { RoleInput } from '../../../electron/core/catalog/role-input';

export const ACCOUNT = '123456789012';

export function arn(name: string, account = ACCOUNT): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

/** A valid new role; `overrides` replace fields. */
export function roleInput(name: string, overrides: Partial<RoleInput> = {}): RoleInput {
  const slug = name.replace(/[^\w-]/g, '-');
  return {
    label: name,
    roleArn: arn(slug),
    profile: slug.toLowerCase(),
    source: { kind: 'profile', profile: 'login' },
    ...overrides,
  };
}

/**
 * A fresh temp folder used as SWITCHYARD_CONFIG_DIR for one test, removed
 * afterwards. Returns the folder (catalog.json goes inside).
 */
export function useTempConfigDir(): () => string {
  let dir: string | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-catalog-'));
    const configDir = join(dir, 'Switchyard');
    vi.stubEnv('SWITCHYARD_CONFIG_DIR', configDir);
    return configDir;
  };
}
