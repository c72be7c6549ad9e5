import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFRESHER_LOCK_FILE } from '../../../electron/core/refresh/refresher-lock';
import { buildChildren, startChild, type BuiltChildren, type RunningChild } from './child-process';

let children: BuiltChildren;
let root: string;
let configDir: string;
const running: RunningChild[] = [];

beforeAll(async () => {
  children = await buildChildren(['lock-child']);
});
afterAll(() => children?.cleanup());
afterEach(async () => {
  for (const c of running.splice(0)) {
    c.process.kill('SIGKILL');
    await c.exited;
  }
  rmSync(root, { recursive: true, force: true });
});

function contend(kind: 'app' | 'daemon', mode: 'hold' | 'exit' = 'hold'): RunningChild {
  const child = startChild(children.script('lock-child'), [configDir, kind, mode]);
  running.push(child);
  return child;
}

async function resultOf(
  child: RunningChild,
): Promise<{ acquired: boolean; holder?: Record<string, unknown> }> {
  return JSON.parse(await child.nextLine());
}

describe('refresher lock across real processes', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'switchyard-lock-'));
    configDir = join(root, 'config');
  });

  it('the second process sees who holds the lock and stays passive', async () => {
    const daemon = contend('daemon');
    expect(await resultOf(daemon)).toMatchObject({ acquired: true });
    const app = contend('app');
    const second = await resultOf(app);
    expect(second).toEqual({
      acquired: false,
      holder: {
        pid: daemon.process.pid,
        hostname: expect.any(String),
        kind: 'daemon',
        startedAt: expect.any(Number),
      },
    });
    expect(await app.exited).toBe(0);
  });

  it('a holder killed with SIGKILL is taken over', async () => {
    const holder = contend('daemon');
    expect(await resultOf(holder)).toMatchObject({ acquired: true });
    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(existsSync(join(configDir, REFRESHER_LOCK_FILE))).toBe(true);
    const next = contend('app');
    expect(await resultOf(next)).toMatchObject({
      acquired: true,
      holder: { pid: next.process.pid, kind: 'app' },
    });
  });

  it('a holder that is alive but stopped (no heartbeat) keeps the lock however old it is', async () => {
    const holder = contend('daemon');
    expect(await resultOf(holder)).toMatchObject({ acquired: true });
    holder.process.kill('SIGSTOP');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(join(configDir, REFRESHER_LOCK_FILE), old, old);
    const next = contend('app');
    expect(await resultOf(next)).toEqual({
      acquired: false,
      holder: expect.objectContaining({ pid: holder.process.pid, kind: 'daemon' }),
    });
  });

  it('a holder stopped with SIGTERM releases the lock in its handler', async () => {
    const holder = contend('app');
    expect(await resultOf(holder)).toMatchObject({ acquired: true });
    holder.process.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
    expect(existsSync(join(configDir, REFRESHER_LOCK_FILE))).toBe(false);
  });

  it('a holder that exits normally releases the lock on exit', async () => {
    const holder = contend('daemon', 'exit');
    expect(await resultOf(holder)).toMatchObject({ acquired: true });
    expect(await holder.exited).toBe(0);
    expect(existsSync(join(configDir, REFRESHER_LOCK_FILE))).toBe(false);
  });

  it('of many processes starting at once, exactly one becomes the refresher', async () => {
    const contenders = Array.from({ length: 6 }, (_, i) => contend(i % 2 ? 'app' : 'daemon'));
    const results = await Promise.all(contenders.map(resultOf));
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const winnerPid = contenders[results.findIndex((r) => r.acquired)]?.process.pid;
    for (const r of results.filter((x) => !x.acquired)) {
      // A loser may read the file in the instant before its JSON is written: holder unknown.
      if (r.holder) expect(r.holder.pid).toBe(winnerPid);
    }
  });
});
