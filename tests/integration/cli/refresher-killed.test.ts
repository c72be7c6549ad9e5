import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../../support/daemon';
import { useSourceRoleHome } from '../../support/source-role-home';

const world = useSourceRoleHome();
const { cli } = world;

describe('after the refresher is killed', () => {
  it('status says that nothing refreshes, and the next daemon takes over at once', async () => {
    const first = startDaemon(world.home.env);
    await first.waitFor(/refreshing 0 active role\(s\)/);
    const activated = await cli(['activate', world.roleId, '--json']);
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
    expect(existsSync(join(world.home.switchyardConfigDir, 'refresher.lock'))).toBe(true);

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
    expect(json[0]).toMatchObject({ id: world.roleId, state: 'active', refresher: null });

    // The dead pid's lock is broken at once: no passive wait for a takeover.
    const next = startDaemon(world.home.env);
    await next.waitFor(/refreshing 1 active role\(s\)|staying passive/);
    await next.waitFor(/refreshing 1 active role\(s\)/);
    const after = JSON.parse((await cli(['status', '--json'])).stdout) as Record<string, unknown>[];
    expect(after[0]!.refresher).toBe(`switchyard daemon (pid ${next.child.pid} on ${hostname()})`);
  });
});
