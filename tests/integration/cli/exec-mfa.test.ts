/**
 * `exec` and `env` for a role behind MFA: the code is asked for once on the
 * terminal (a real pty), or given with `exec --mfa-code`; without a terminal
 * the error is one line saying what to do, and the child never runs. The MFA
 * session is cached in the OS keychain, so these run under
 * scripts/with-keyring.sh (SWITCHYARD_SECRET_SERVICE=1).
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { cliPath, runCli } from '../../support/run-cli';
import {
  SOURCE_KEY,
  SOURCE_SECRET,
  USER_FILE,
  useSourceRoleHome,
} from '../../support/source-role-home';
import { pythonCommand } from '../../support/tools';

const world = useSourceRoleHome();
const keychain = process.env.SWITCHYARD_SECRET_SERVICE === '1';

/** A role behind MFA, assumed from a source profile of its own (the keychain outlives the test home). */
function addMfaRole(): { id: string; before: string } {
  const source = `mfa-source-${randomBytes(4).toString('hex')}`;
  writeFileSync(
    world.home.credentialsPath,
    `${USER_FILE}[${source}]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`,
  );
  world.sts.configureRole('arn:aws:iam::210987654321:role/guarded', { requireMfa: true });
  const catalog = CatalogStore.open({ dir: world.home.switchyardConfigDir });
  try {
    const { id } = catalog.add({
      label: 'Guarded',
      roleArn: 'arn:aws:iam::210987654321:role/guarded',
      profile: 'guarded',
      source: { kind: 'profile', profile: source },
      mfaSerial: world.sts.mfa!.serial,
    });
    return { id, before: world.home.readCredentials() };
  } finally {
    catalog.close();
  }
}

/** Runs the CLI in a pty, answers the MFA prompt with `code`, returns what the terminal showed. */
const PTY_ANSWER = `
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out = b''
answered = False
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not answered and b'MFA code for' in out:
        os.write(fd, sys.argv[1].encode() + b'\\n')
        answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

describe.skipIf(!keychain)(
  `exec and env with MFA${keychain ? '' : ' (skipped: run under scripts/with-keyring.sh)'}`,
  () => {
    it('exec --mfa-code: one GetSessionToken, the child runs as the role, nothing written', async () => {
      const { id, before } = addMfaRole();
      const tokens = world.sts.count('GetSessionToken');
      const dump = join(world.home.home, 'env.json');
      const result = await runCli(
        [
          'exec',
          id,
          '--no-endpoint',
          '--mfa-code',
          world.sts.mfa!.code,
          '--',
          pythonCommand(),
          '-c',
          "import json,os,sys; json.dump(os.environ.get('AWS_ACCESS_KEY_ID',''), open(sys.argv[1],'w'))",
          dump,
        ],
        { env: world.home.env },
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(readFileSync(dump, 'utf8'))).toMatch(/^ASIA/);
      expect(world.sts.count('GetSessionToken') - tokens).toBe(1);
      expect(world.home.readCredentials()).toBe(before);
    });

    it('without a terminal: one line with the fix, exit 2, and the child never runs', async () => {
      const { id, before } = addMfaRole();
      const tokens = world.sts.count('GetSessionToken');
      const marker = join(world.home.home, 'ran');
      const exec = await runCli(['exec', id, '--no-endpoint', '--', 'touch', marker], {
        env: world.home.env,
        input: `${world.sts.mfa!.code}\n`, // stdin is the child's: never read as a code
      });
      expect(exec.code).toBe(2);
      expect(exec.stderr).toBe(
        `switchyard: --mfa-code: Guarded needs an MFA code for ${world.sts.mfa!.serial} and there is no terminal to ask on; pass --mfa-code CODE\n`,
      );
      const env = await runCli(['env', id, '--shell', 'bash'], { env: world.home.env });
      expect(env.code).toBe(2);
      expect(env.stdout).toBe('');
      expect(env.stderr).toBe(
        `switchyard: --mfa-code: Guarded needs an MFA code for ${world.sts.mfa!.serial} and there is no terminal to ask on; run \`switchyard activate ${id}\` (it asks for the code), then rerun\n`,
      );
      expect(() => readFileSync(marker)).toThrow();
      expect(world.sts.count('GetSessionToken') - tokens).toBe(0);
      expect(world.home.readCredentials()).toBe(before);
    });

    it('env asks once on the terminal, as activate does', async () => {
      const { id, before } = addMfaRole();
      const tokens = world.sts.count('GetSessionToken');
      // Not spawnSync: the STS server answering the child lives in this process.
      const result = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(
          pythonCommand(),
          [
            '-c',
            PTY_ANSWER,
            world.sts.mfa!.code,
            process.execPath,
            cliPath,
            'env',
            id,
            '--shell',
            'bash',
          ],
          { env: world.home.env, stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.once('close', (status) => resolve({ status, stdout }));
      });
      expect(result.status).toBe(0);
      // readline redraws the prompt as the code is typed: look for it, not count it.
      expect(result.stdout).toContain(`switchyard: MFA code for ${world.sts.mfa!.serial}: `);
      expect(result.stdout).toMatch(/export AWS_ACCESS_KEY_ID='ASIA/);
      expect(world.sts.count('GetSessionToken') - tokens).toBe(1);
      expect(world.home.readCredentials()).toBe(before);
    });
  },
);
