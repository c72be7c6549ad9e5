/**
 * `exec` and `env` run from a one-file bundle (dist/cli/exec.cjs) without the
 * engine. A role with no live session needs the engine: the bundle hands the
 * command line to the full build before writing anything, and the full build
 * runs it from the start. What the bundle already said (the plain-http
 * endpoint warning) is said once, not again by the full build.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { repoRoot, runCli, runNode } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const WARNING =
  'switchyard: warning: AWS_ENDPOINT_URL_STS is plain http to a non-loopback host (sts.corp.example:8080); session credentials cross the network unencrypted';

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome({
    credentials: '',
    env: { AWS_ENDPOINT_URL_STS: 'http://sts.corp.example:8080/' },
  });
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  try {
    // No live session, and a source profile that does not exist: the engine
    // refuses before any call to STS.
    catalog.add({
      label: 'Cold',
      roleArn: 'arn:aws:iam::210987654321:role/cold',
      profile: 'cold',
      source: { kind: 'profile', profile: 'missing-source' },
    });
  } finally {
    catalog.close();
  }
});
afterEach(() => home.cleanup());

describe('exec and env without a live session: handed to the full build', () => {
  it.each([
    ['exec', ['exec', 'Cold', '--no-endpoint', '--', 'true']],
    ['env', ['env', 'Cold', '--shell', 'bash']],
  ])(
    '%s: the engine answers (no source credentials), the warning comes once',
    async (_name, args) => {
      const before = home.readCredentials();
      const result = await runCli(args, { env: home.env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines.filter((line) => line === WARNING)).toHaveLength(1);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^switchyard: .*source credentials/);
      expect(home.readCredentials()).toBe(before);
    },
  );

  it('a launcher whose split build is missing says so in one line, exit 1, writing nothing', async () => {
    // A partial install: the launcher and exec.cjs, no dist/cli/switchyard.mjs.
    const install = join(home.home, 'install');
    for (const [from, to] of [
      ['bin/switchyard', 'bin/switchyard'],
      ['bin/package.json', 'bin/package.json'],
      ['dist/cli/exec.cjs', 'dist/cli/exec.cjs'],
    ] as const) {
      mkdirSync(join(install, to, '..'), { recursive: true });
      copyFileSync(join(repoRoot, from), join(install, to));
    }
    const before = home.readCredentials();
    const env = { ...home.env };
    delete env.AWS_ENDPOINT_URL_STS;
    const result = await runNode(
      join(install, 'bin', 'switchyard'),
      ['exec', 'Cold', '--no-endpoint', '--', 'true'],
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^switchyard: cannot load the full build for this command: .*switchyard\.mjs/,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(home.readCredentials()).toBe(before);
  });
});
