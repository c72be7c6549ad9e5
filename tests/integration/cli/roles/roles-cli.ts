import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

import type { RoleEntry } from '../../../../shared/model';
import { runCli, type RunResult } from '../../../support/run-cli';
import type { TempAwsHome } from '../../../support/temp-aws-home';

export const ACCOUNT = '123456789012';

export function arn(name: string, account = ACCOUNT): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

/** `switchyard …` in the temp home (also the working directory), with `input` on stdin. */
export function switchyard(
  home: TempAwsHome,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return runCli(args, { env: options.env ?? home.env, cwd: home.home, input: options.input });
}

export function catalogPath(home: TempAwsHome): string {
  return join(home.switchyardConfigDir, 'catalog.json');
}

/** catalog.json's bytes, or undefined when there is none. */
export function catalogBytes(home: TempAwsHome): Buffer | undefined {
  try {
    return readFileSync(catalogPath(home));
  } catch {
    return undefined;
  }
}

/** Exit 0 with nothing on stderr; returns the one JSON value on stdout. */
export function expectJson<T>(result: RunResult): T {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout.endsWith('\n')).toBe(true);
  expect(result.stdout.trimEnd()).not.toContain('\n');
  return JSON.parse(result.stdout) as T;
}

/** A failure with one `switchyard: …` line on stderr and nothing on stdout. */
export function expectOneLineError(result: RunResult, code: 1 | 2, message?: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).toMatch(/^switchyard: [^\n]+\n$/);
  if (message) expect(result.stderr).toMatch(message);
}

export async function listRoles(home: TempAwsHome): Promise<RoleEntry[]> {
  return expectJson<RoleEntry[]>(await switchyard(home, ['roles', 'list', '--json']));
}

/** Adds a role and returns it as `--json` printed it. */
export async function addRole(home: TempAwsHome, args: readonly string[]): Promise<RoleEntry> {
  return expectJson<RoleEntry>(await switchyard(home, ['roles', 'add', ...args, '--json']));
}

/**
 * Every file under `dir` with its size and mtime, to show that nothing was
 * written. Folders are left out: a system library may create an empty one
 * (GLib makes ~/.cache while looking for a D-Bus session), which holds nothing.
 */
export function filesState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        state[relative(dir, path)] = `${stat.size}:${stat.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return state;
}
