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
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  LockTimeoutError,
  lockPathFor,
  withLock,
} from '../../../electron/core/fs/file-lock';
import { deadPid, startChild, stopChild } from '../credentials/helpers/children';
import { useTempDirs } from '../credentials/helpers/temp-dirs';

const tempDir = useTempDirs();
const children: Awaited<ReturnType<typeof startChild>>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
});

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
    expect(holder).toEqual({
      pid: process.pid,
      hostname: hostname(),
      createdAt: expect.any(String),
    });
    expect(Date.parse(holder.createdAt)).toBeGreaterThanOrEqual(before - 1000);
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

  it('takes over a lock older than the stale age even if its process lives', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const old = new Date(Date.now() - 31_000).toISOString();
    await writeLock(lockPath, { pid: process.pid, hostname: hostname(), createdAt: old });
    const lock = await acquireLock(target, { timeoutMs: 1000 });
    expect(JSON.parse(await readFile(lockPath, 'utf8')).createdAt).not.toBe(old);
    await lock.release();
  });

  it('judges age with the injected clock', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const createdAt = new Date(Date.UTC(2026, 0, 1)).toISOString();
    await writeLock(`${target}.switchyard.lock`, {
      pid: process.pid,
      hostname: hostname(),
      createdAt,
    });
    let clock = Date.UTC(2026, 0, 1, 0, 0, 10);
    const sleeps: number[] = [];
    const lock = await acquireLock(target, {
      staleMs: 30_000,
      timeoutMs: 60_000,
      now: () => clock,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += 10_000; // each wait advances the fake clock by 10 s
      },
    });
    // Waited at 10 s, 20 s and 30 s; stale at 40 s.
    expect(sleeps).toEqual([30, 30, 30]);
    await lock.release();
  });

  it('keeps jittered sleeps short and within the timeout', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    await writeLock(`${target}.switchyard.lock`, {
      pid: process.pid,
      hostname: hostname(),
      createdAt: new Date().toISOString(),
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
    expect(sleeps.length).toBeGreaterThan(2);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(50);
    }
    expect(sleeps.slice(0, 3)).toEqual([10, expect.closeTo(49.96, 1), 20]);
  });

  it('does not take over a fresh lock from another host whose pid it cannot check', async () => {
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const pid = await deadPid();
    await writeLock(`${target}.switchyard.lock`, {
      pid,
      hostname: 'some-other-host.example',
      createdAt: new Date().toISOString(),
    });
    const error = await acquireLock(target, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toContain('some-other-host.example');
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

  it('never deletes a lock that was replaced after it was judged stale', async () => {
    // Two waiters judge the same dead lock stale; the first replaces it with its
    // own before the second acts. The second must put the first one's lock back.
    const dir = await tempDir();
    const target = join(dir, 'credentials');
    const lockPath = `${target}.switchyard.lock`;
    const pid = await deadPid();
    await writeLock(lockPath, { pid, hostname: hostname(), createdAt: new Date().toISOString() });
    const fresh = JSON.stringify({ pid: process.pid, hostname: hostname(), createdAt: 'x' });
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
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
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
