import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

import { repoRoot } from '../../support/run-cli';

/**
 * The real keytar, in a child process that has no D-Bus session at all (as on a
 * server or in a container): Switchyard must say plainly that no keychain is
 * reachable and what to run, and store nothing anywhere.
 */
async function childScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/no-keychain-child.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Resolved from the child's working directory (the repository), like the real CLI does.
    external: ['keytar'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

function runWithout(env: NodeJS.ProcessEnv, script: string) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as {
    known: boolean;
    problem?: string;
    message: string;
    stored?: boolean;
  };
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'DBUS_SESSION_BUS_ADDRESS',
    'DISPLAY',
    'WAYLAND_DISPLAY',
    'GNOME_KEYRING_CONTROL',
    'XDG_RUNTIME_DIR',
  ]) {
    delete env[key];
  }
  return env;
}

describe.skipIf(process.platform !== 'linux')(
  'keytar with no Secret Service (Linux)',
  { timeout: 90_000 },
  () => {
    it.each([
      ['no D-Bus session at all', {}],
      [
        'a D-Bus address that leads nowhere',
        { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/switchyard-bus' },
      ],
    ])('with %s: a clear one-line error, nothing stored', async (_name, extra) => {
      const result = runWithout({ ...baseEnv(), ...extra }, await childScript());
      expect(result.stored).toBeUndefined();
      expect(result.known).toBe(true);
      expect(result.problem).toBe('unreachable');
      expect(result.message).toMatch(
        /^cannot store "keys\/ci" in the OS keychain: no OS keychain is reachable \(Secret Service over D-Bus: ".+"\); /,
      );
      expect(result.message).toContain('GNOME Keyring or KWallet');
      expect(result.message).toContain('dbus-run-session');
      expect(result.message).not.toContain('\n');
      expect(result.message).not.toContain('wJalrXUtnFEMI');
    });
  },
);
