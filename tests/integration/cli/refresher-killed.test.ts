import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../electron/core/catalog/catalog-store';
import { killAllDaemons, startDaemon } from '../../support/daemon';
import { startFaultStsServer, type FaultStsServer } from '../../support/fault-sts-server';
import { runCli } from '../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
const USER_FILE = `[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;

let sts: FaultStsServer;
let home: TempAwsHome;
let roleId: string;

beforeAll(async () => {
  sts = await startFaultStsServer();
  sts.addUser(SOURCE_KEY, SOURCE_SECRET, 'arn:aws:iam::123456789012:user/dev');
});
afterAll(async () => {
  await sts.close();
});
beforeEach(() => {
  home = createTempAwsHome({ credentials: USER_FILE, env: { AWS_ENDPOINT_URL_STS: sts.endpoint } });
  const catalog = CatalogStore.open({ dir: home.switchyardConfigDir });
  try {
    roleId = catalog.add({
      label: 'Dev admin',
      roleArn: 'arn:aws:iam::210987654321:role/dev-admin',
      profile: 'dev',
      source: { kind: 'profile', profile: 'source' },
    }).id;
  } finally {
    catalog.close();
  }
});
afterEach(() => {
  killAllDaemons();
  home.cleanup();
});

const cli = (args: string[]) => runCli(args, { env: home.env });

describe('after the refresher is killed', () => {
  it('status says that nothing refreshes, and the next daemon takes over at once', async () => {
    const first = startDaemon(home.env);
    await first.waitFor(/refreshing 0 active role\(s\)/);
    const activated = await cli(['activate', roleId, '--json']);
    expect(activated.code).toBe(0);
    await first.waitFor(/Dev admin \[dev\] active, expires in/);

    // While it runs, status names it.
    const running = await cli(['status']);
    expect(running.stdout).toMatch(/^refreshed by switchyard daemon \(pid \d+ on .+\)$/m);
    const runningJson = JSON.parse((await cli(['status', '--json'])).stdout) as {
      refresher: string | null;
    }[];
    expect(runningJson[0]!.refresher).toMatch(/^switchyard daemon \(pid \d+ on .+\)$/);

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    // The dead daemon's lock is still there: nothing released it.
    expect(existsSync(join(home.switchyardConfigDir, 'refresher.lock'))).toBe(true);

    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Dev admin +dev +active/);
    expect(status.stdout).not.toMatch(/refreshed by/);
    const note = status.stdout.split('\n').filter((line) => /refresher/.test(line));
    expect(note).toHaveLength(1);
    expect(note[0]).toMatch(
      /^no refresher is running: dev expires at \d\d:\d\d unless `switchyard daemon` or the tray app runs$/,
    );
    const json = JSON.parse((await cli(['status', '--json'])).stdout) as Record<string, unknown>[];
    expect(json[0]).toMatchObject({ id: roleId, state: 'active', refresher: null });

    // The dead pid's lock is broken at once: no passive wait for a takeover.
    const next = startDaemon(home.env);
    await next.waitFor(/refreshing 1 active role\(s\)|staying passive/);
    await next.waitFor(/refreshing 1 active role\(s\)/);
    const after = JSON.parse((await cli(['status', '--json'])).stdout) as Record<string, unknown>[];
    expect(after[0]!.refresher).toBe(`switchyard daemon (pid ${next.child.pid} on ${hostname()})`);
  });
});
