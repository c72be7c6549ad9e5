import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { readdir, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

/**
 * `switchyard assume` when the credentials or config path is not a regular
 * file: exit 1 with one line naming it, no STS call, nothing written, no hang
 * (runCli kills a child that outlives its time limit and the test fails).
 */
const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const SOURCE_KEY = 'AKIAIOSFODNN7SPECIAL1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSPECIALKEY1';

let sts: FaultStsServer;
let home: TempAwsHome;
beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/ci');
});
afterAll(async () => {
  await sts.close();
});
afterEach(() => {
  restoreDevNull();
  home?.cleanup();
  sts.reset();
});

/** Without the fix, root renames a file over /dev/null: put the device back at once. */
function restoreDevNull(): void {
  if (lstatSync('/dev/null').isCharacterDevice() || process.getuid?.() !== 0) return;
  execFileSync('rm', ['-f', '/dev/null']);
  execFileSync('mknod', ['-m', '0666', '/dev/null', 'c', '1', '3']);
}

function assume(env: Record<string, string>) {
  home = createTempAwsHome({
    env: {
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_ACCESS_KEY_ID: SOURCE_KEY,
      AWS_SECRET_ACCESS_KEY: SOURCE_SECRET,
      ...env,
    },
  });
  return runCli(['assume', ROLE, 'deploy'], { env: home.env, timeoutMs: 15_000 });
}

function expectOneLineRefusal(
  result: { code: number | null; stdout: string; stderr: string },
  text: string,
) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`switchyard: ${text}\n`);
  expect(result.stderr).not.toContain(SOURCE_SECRET);
  expect(sts.count('AssumeRole')).toBe(0);
}

describe.skipIf(process.platform === 'win32')('switchyard assume with a special file', () => {
  it('AWS_SHARED_CREDENTIALS_FILE=/dev/null: exit 1, one line, /dev/null untouched', async () => {
    const before = await readdir('/dev');
    const result = await assume({ AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
    expectOneLineRefusal(
      result,
      '/dev/null is a character device, not a regular file; point AWS_SHARED_CREDENTIALS_FILE at a regular file',
    );
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(await readdir('/dev')).toEqual(before);
  });

  it('~/.aws/credentials as a symlink to /dev/null: exit 1, the link kept', async () => {
    home = createTempAwsHome();
    const link = home.credentialsPath;
    await symlink('/dev/null', link);
    const result = await runCli(['assume', ROLE, 'deploy'], {
      env: {
        ...home.env,
        AWS_ENDPOINT_URL_STS: sts.endpoint,
        AWS_ACCESS_KEY_ID: SOURCE_KEY,
        AWS_SECRET_ACCESS_KEY: SOURCE_SECRET,
      },
      timeoutMs: 15_000,
    });
    expectOneLineRefusal(
      result,
      `${link} (-> /dev/null) is a character device, not a regular file; point AWS_SHARED_CREDENTIALS_FILE at a regular file`,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(await readdir(home.awsDir)).toEqual(['credentials']);
  });

  it('a FIFO as the config file: exit 1 at once, one line, nothing written', async () => {
    home = createTempAwsHome();
    const fifo = join(home.awsDir, 'config');
    execFileSync('mkfifo', ['-m', '0600', fifo]);
    const result = await runCli(['assume', ROLE, 'deploy'], {
      env: {
        ...home.env,
        AWS_ENDPOINT_URL_STS: sts.endpoint,
        AWS_ACCESS_KEY_ID: SOURCE_KEY,
        AWS_SECRET_ACCESS_KEY: SOURCE_SECRET,
      },
      timeoutMs: 15_000,
    });
    expectOneLineRefusal(
      result,
      `${fifo} is a named pipe (FIFO), not a regular file; point AWS_CONFIG_FILE at a regular file`,
    );
    expect((await stat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(home.awsDir)).toEqual(['config']);
    await rm(fifo);
  });
});
