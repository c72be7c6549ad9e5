import { unlinkSync, writeFileSync } from 'node:fs';
import {
  mkdir,
  readdir,
  readFile,
  stat,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireLock,
  LockTimeoutError,
  lockPathFor,
  withLock,
} from '../../../electron/core/fs/file-lock';
import { deadPid, startChild, stopChild } from '../credentials/helpers/children';
import { useTempDirs } from '../credentials/helpers/temp-dirs';
import { buildLockChildren, type LockChildren } from './helpers/lock-children';

const tempDir = useTempDirs();
const children: Awaited<ReturnType<typeof startChild>>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
});
let lockChildren: LockChildren;
beforeAll(async () => {
  lockChildren = await buildLockChildren(['hold-write-lock']);
});
afterEach(async () => lockChildren.stopAll());
afterAll(async () => lockChildren?.cleanup());

const writeLock = (path: string, holder: object) => writeFile(path, JSON.stringify(holder));

describe('acquireLock', () => {
  it('creates <realpath>.switchyard.lock, owner-only, naming this process, and removes it', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const before = Date.now();
    const lock = await acquireLock(target);
    expect(lock.path).toBe(`${target}.switchyard.lock`);
    expect((await stat(lock.path)).mode & 0o777).toBe(0o600);
    const holder = JSON.parse(await readFile(lock.path, 'utf8'));
    expect(holder).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      kind: 'write',
      token: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    expect(holder.startedAt).toBeGreaterThanOrEqual(before - 1000);
    await lock.release();
    await expect(stat(lock.path)).rejects.toMatchObject({ code: 'ENOENT' });
    await lock.release(); // twice is fine
  });

  it('puts the lock next to the real file behind a symlink', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'dotfiles'));
    await writeFile(join(dir, 'dotfiles', 'credentials'), '');
    await symlink(join(dir, 'dotfiles', 'credentials'), join(dir, 'link'));
    expect(await lockPathFor(join(dir, 'link'))).toBe(
      join(dir, 'dotfiles', 'credentials.switchyard.lock'),
    );
    // A dangling link resolves to where its target will be.
    await symlink(join(dir, 'dotfiles', 'later'), join(dir, 'dangling'));
    expect(await lockPathFor(join(dir, 'dangling'))).toBe(
      join(dir, 'dotfiles', 'later.switchyard.lock'),
    );
  });

  it('creates a missing folder owner-only before locking in it', async () => {
    const dir = await tempDir();
    const lock = await acquireLock(join(dir, '.aws', 'credentials'));
    expect((await stat(join(dir, '.aws'))).mode & 0o777).toBe(0o700);
    await lock.release();
  });

  it('waits for a lock held by a live process, then times out with a clear message', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const child = await startChild('hold-lock.mjs', [lockPath], 'locked');
    children.push(child);

    const started = Date.now();
    const error = await acquireLock(target, { timeoutMs: 400 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(error).toBeInstanceOf(LockTimeoutError);
    const message = (error as Error).message;
    expect(message).toContain(lockPath);
    expect(message).toContain(`pid ${child.pid}`);
    expect(message).toContain(`If no Switchyard process is running, delete ${lockPath}`);
    // The holder's lock is untouched.
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(child.pid);
  });

  it('gets the lock as soon as the other process releases it', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const child = await startChild('hold-lock.mjs', [`${target}.switchyard.lock`], 'locked');
    children.push(child);
    const waiting = acquireLock(target, { timeoutMs: 5000 });
    setTimeout(() => child.kill('SIGTERM'), 150); // the child deletes its lock on SIGTERM
    const lock = await waiting;
    expect(JSON.parse(await readFile(lock.path, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const pid = await deadPid();
    await writeLock(lockPath, { pid, hostname: hostname(), createdAt: new Date().toISOString() });
    const started = Date.now();
    const lock = await acquireLock(target, { timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('after breaking a dead lock, clears what killed lockers left beside it', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const dead = await deadPid();
    await writeLock(lockPath, {
      pid: dead,
      hostname: hostname(),
      createdAt: new Date().toISOString(),
    });
    const old = new Date(Date.now() - 60_000);
    const plant = async (name: string, at?: Date) => {
      await writeFile(join(dir, name), '{}');
      if (at) await utimes(join(dir, name), at, at);
    };
    await plant(`credentials.switchyard.lock.new-${dead}-0badcafe`, old);
    await plant(`credentials.switchyard.lock.stale-${dead}-0badcafe`, old);
    await plant(`credentials.switchyard.lock.new-${dead}-1badcafe`); // too young to judge
    await plant(`credentials.switchyard.lock.new-${process.ppid}-0badcafe`, old); // alive
    await plant(`other.switchyard.lock.new-${dead}-0badcafe`, old); // another lock's
    const lock = await acquireLock(target, { timeoutMs: 1000 });
    await lock.release();
    expect((await readdir(dir)).sort()).toEqual(
      [
        `credentials.switchyard.lock.new-${dead}-1badcafe`,
        `credentials.switchyard.lock.new-${process.ppid}-0badcafe`,
        `other.switchyard.lock.new-${dead}-0badcafe`,
      ].sort(),
    );
  });

  it('never breaks the lock of a live writer on this host, however old and even while stopped', async () => {
    // The class fixed: a writer that is alive but slow (here SIGSTOPped, which
    // also stops its heartbeat) had its lock broken after 30 s, and two writers
    // then wrote the file at once.
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const child = await lockChildren.start('hold-write-lock', [target], 'locked');
    const held = await readFile(lockPath, 'utf8');
    child.kill('SIGSTOP');
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(lockPath, old, old);
    let clock = Date.now() + 40_000; // 40 s later: past the 30 s stale limit
    const error = await acquireLock(target, {
      timeoutMs: 60_000,
      now: () => clock,
      sleep: async () => {
        clock += 5_000;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toContain(`pid ${child.pid}`);
    expect(await readFile(lockPath, 'utf8')).toBe(held);
  });

  it('takes over a live pid whose start time differs from the record (the pid was reused)', async () => {
    if (process.platform !== 'linux') return; // start times come from /proc
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    await writeLock(`${target}.switchyard.lock`, {
      pid: process.ppid,
      hostname: hostname(),
      startedAt: Date.now(),
      kind: 'write',
      token: 'someone-else',
      pidStart: '1',
    });
    const lock = await acquireLock(target, { timeoutMs: 200 });
    expect(JSON.parse(await readFile(lock.path, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('respects a lock from another host while its heartbeat is fresh, and breaks it once stale', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    await writeLock(lockPath, {
      pid: await deadPid(),
      hostname: 'some-other-host.example',
      startedAt: Date.now() - 3_600_000, // held for an hour, heartbeat still fresh
      kind: 'daemon',
      token: 'theirs',
    });
    const lastBeat = Math.floor(Date.now() / 1000) * 1000;
    await utimes(lockPath, new Date(lastBeat), new Date(lastBeat));
    let clock = lastBeat + 5_000;
    const sleeps: number[] = [];
    const lock = await acquireLock(target, {
      staleMs: 30_000,
      timeoutMs: 120_000,
      now: () => clock,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += 10_000; // no heartbeat arrives: each wait ages it by 10 s
      },
    });
    // Waited at 5, 15 and 25 s after the last beat; stale at 35 s.
    expect(sleeps).toEqual([30, 30, 30]);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('treats a pid from another pid namespace on this host like another host: by its heartbeat', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    await writeLock(lockPath, {
      pid: await deadPid(), // dead here, but it is not our namespace's pid
      hostname: hostname(),
      startedAt: Date.now(),
      kind: 'write',
      pidNs: 'pid:[1]',
    });
    if (process.platform === 'linux') {
      const fresh = await acquireLock(target, { timeoutMs: 100 }).catch((e: unknown) => e);
      expect(fresh).toBeInstanceOf(LockTimeoutError);
    }
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const lock = await acquireLock(target, { timeoutMs: 1000 });
    await lock.release();
  });

  it('keeps its heartbeat: the holder touches the lock, and stops when released', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const beats: (() => void)[] = [];
    let cleared = 0;
    const lock = await acquireLock(target, {
      heartbeatMs: 5_000,
      timers: {
        setInterval: (beat, ms) => {
          expect(ms).toBe(5_000);
          beats.push(beat);
          return beats.length;
        },
        clearInterval: () => cleared++,
      },
    });
    expect(beats).toHaveLength(1);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock.path, old, old);
    beats[0]!();
    expect((await stat(lock.path)).mtimeMs).toBeGreaterThan(Date.now() - 10_000);
    await lock.release();
    expect(cleared).toBe(1);
    beats[0]!(); // a late beat after release touches nothing and creates nothing
    await expect(stat(lock.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('times out on a fresh lock from another host, naming it, with jittered short sleeps', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    await writeLock(`${target}.switchyard.lock`, {
      pid: await deadPid(),
      hostname: 'some-other-host.example',
      createdAt: new Date().toISOString(), // an older Switchyard's record
    });
    const sleeps: number[] = [];
    let clock = Date.now();
    const randoms = [0, 0.999, 0.25];
    const error = await acquireLock(target, {
      timeoutMs: 100,
      now: () => clock,
      random: () => randoms[sleeps.length % randoms.length] ?? 0,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toContain('some-other-host.example');
    expect(sleeps.length).toBeGreaterThan(2);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(50);
    }
    expect(sleeps.slice(0, 3)).toEqual([10, expect.closeTo(49.96, 1), 20]);
  });

  it('treats an unreadable lock file by its age', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    await writeFile(lockPath, '');
    const fresh = await acquireLock(target, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(fresh).toBeInstanceOf(LockTimeoutError);
    expect((fresh as Error).message).toContain('unknown process');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const lock = await acquireLock(target, { timeoutMs: 1000 });
    await lock.release();
  });

  it('release leaves alone a lock that someone else has taken over', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lock = await acquireLock(target);
    await unlink(lock.path);
    const theirs = JSON.stringify({ pid: 1, hostname: 'x', createdAt: new Date().toISOString() });
    await writeFile(lock.path, theirs);
    await lock.release();
    expect(await readFile(lock.path, 'utf8')).toBe(theirs);
  });

  it("a holder's release never removes a successor's lock, even one identical but for its token", async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const fixed = () => Date.UTC(2026, 0, 1); // both records get the same time
    const first = await acquireLock(target, { now: fixed });
    await unlink(first.path); // its lock was broken behind its back...
    const second = await acquireLock(target, { now: fixed }); // ...and taken by a successor
    const theirs = await readFile(second.path, 'utf8');
    await first.release();
    expect(await readFile(second.path, 'utf8')).toBe(theirs);
    await second.release();
    await expect(stat(second.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never deletes a lock that was replaced after it was judged stale', async () => {
    // Two waiters judge the same dead lock stale; the first replaces it with its
    // own before the second acts. The second must put the first one's lock back.
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const pid = await deadPid();
    await writeLock(lockPath, { pid, hostname: hostname(), createdAt: new Date().toISOString() });
    // The other waiter is another live process on this host.
    const fresh = JSON.stringify({ pid: process.ppid, hostname: hostname(), createdAt: 'x' });
    let swapped = false;
    const error = await acquireLock(target, {
      timeoutMs: 200,
      isProcessAlive: (holder) => {
        if (holder === pid && !swapped) {
          swapped = true;
          // The other waiter's takeover, between our judgement and our move.
          unlinkSync(lockPath);
          writeFileSync(lockPath, fresh.replace('"x"', JSON.stringify(new Date().toISOString())));
          return false;
        }
        return holder !== pid;
      },
    }).catch((e: unknown) => e);
    expect(swapped).toBe(true);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.ppid);
    expect((await readdir(dir)).filter((name) => name.includes('.stale-'))).toEqual([]);
  });
});

describe('withLock', () => {
  it('runs callers one at a time in the same process', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const events: string[] = [];
    const task = (name: string) =>
      withLock(target, async () => {
        events.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`${name}:end`);
        return name;
      });
    expect(await Promise.all([task('a'), task('b'), task('c')])).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]?.replace(':start', '')).toBe(events[i + 1]?.replace(':end', ''));
    }
  });

  it('releases the lock when the callback throws', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    await expect(
      withLock(target, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(stat(`${target}.switchyard.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
