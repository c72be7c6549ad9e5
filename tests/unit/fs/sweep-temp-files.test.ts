import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../../electron/core/credentials/credentials-file';
import { Secret } from '../../../electron/core/secret';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid that certainly belongs to no running process: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('stale temp files from killed writers', () => {
  it('are removed on the next write when their writer is dead and they are not brand new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-sweep-'));
    dirs.push(dir);
    const credentialsPath = join(dir, 'credentials');
    writeFileSync(credentialsPath, '# mine\n', { mode: 0o600 });
    const dead = deadPid();
    const old = new Date(Date.now() - 60_000);
    const stale = join(dir, `.credentials.switchyard-${dead}-aaaaaaaaaaaa.tmp`);
    const young = join(dir, `.credentials.switchyard-${dead}-bbbbbbbbbbbb.tmp`);
    const live = join(dir, `.credentials.switchyard-${process.ppid}-cccccccccccc.tmp`);
    const unrelated = join(dir, '.credentials.other-tool.tmp');
    for (const path of [stale, young, live, unrelated])
      writeFileSync(path, 'aws_secret_access_key = planted\n');
    for (const path of [stale, live, unrelated]) utimesSync(path, old, old);

    const file = new CredentialsFile({ credentialsPath, configPath: join(dir, 'config') });
    await file.apply([
      {
        type: 'put',
        profile: 'dev',
        roleArn: 'arn:aws:iam::123456789012:role/dev',
        credentials: {
          accessKeyId: new Secret('ASIAEXAMPLEEXAMPLE01'),
          secretAccessKey: new Secret('s'.repeat(40)),
          sessionToken: new Secret('t'.repeat(100)),
          expiresAt: Date.now() + 3_600_000,
        },
      },
    ]);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(young)).toBe(true);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });
});
