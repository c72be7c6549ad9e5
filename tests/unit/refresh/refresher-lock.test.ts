import { existsSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeRefresherHolder,
  REFRESHER_LOCK_FILE,
  tryAcquireRefresherLock,
} from '../../../electron/core/refresh/refresher-lock';
import { deadPid, useTempDir } from './temp-dir';

const tempDir = useTempDir();

function plantLock(dir: string, body: unknown): string {
  const path = join(dir, REFRESHER_LOCK_FILE);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

describe('tryAcquireRefresherLock (one process)', () => {
  it('creates refresher.lock (0600) with who holds it, and releases it', () => {
    const dir = join(tempDir(), 'not-yet-created');
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'daemon', releaseOnExit: false });
    expect(lock.acquired).toBe(true);
    if (!lock.acquired) return;
    const path = join(dir, REFRESHER_LOCK_FILE);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      kind: 'daemon',
      startedAt: expect.any(Number),
      token: expect.any(String),
    });
    expect(lock.holder).toEqual({
      pid: process.pid,
      hostname: hostname(),
      kind: 'daemon',
      startedAt: expect.any(Number),
    });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(lock.isHeld()).toBe(true);
    lock.release();
    lock.release();
    expect(existsSync(path)).toBe(false);
    expect(lock.isHeld()).toBe(false);
  });

  it('a config folder that cannot be made says so in one line naming the path, not raw errno text', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const attempt = () =>
      tryAcquireRefresherLock({
        configDir: join(file, 'cfg'),
        kind: 'daemon',
        releaseOnExit: false,
      });
    expect(attempt).toThrow(/a-file/);
    expect(attempt).not.toThrow(/^ENOTDIR/);
    expect(attempt).not.toThrow(/\n/);
  });

  it('a second attempt in the same process sees the holder and stays passive', () => {
    const dir = tempDir();
    const first = tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false });
    const second = tryAcquireRefresherLock({
      configDir: dir,
      kind: 'daemon',
      releaseOnExit: false,
    });
    expect(second).toEqual({
      acquired: false,
      holder: expect.objectContaining({ pid: process.pid, kind: 'app' }),
    });
    if (first.acquired) first.release();
    expect(
      tryAcquireRefresherLock({ configDir: dir, kind: 'daemon', releaseOnExit: false }).acquired,
    ).toBe(true);
  });

  it('takes over a lock whose process is dead', () => {
    const dir = tempDir();
    plantLock(dir, { pid: deadPid(), hostname: hostname(), kind: 'daemon', startedAt: Date.now() });
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) lock.release();
  });

  it('takes over a lock from before this boot, even if its pid now exists', () => {
    const dir = tempDir();
    plantLock(dir, { pid: process.ppid, hostname: hostname(), kind: 'daemon', startedAt: 0 });
    expect(
      tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false }).acquired,
    ).toBe(true);
  });

  it('takes over a lock carrying our own pid that this process does not hold (container restart)', () => {
    const dir = tempDir();
    plantLock(dir, {
      pid: process.pid,
      hostname: hostname(),
      kind: 'daemon',
      startedAt: Date.now(),
    });
    expect(
      tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false }).acquired,
    ).toBe(true);
  });

  it('respects a live holder, and one on another host (it cannot be checked)', () => {
    const dir = tempDir();
    plantLock(dir, {
      pid: process.ppid,
      hostname: hostname(),
      kind: 'daemon',
      startedAt: Date.now(),
    });
    const live = tryAcquireRefresherLock({ configDir: dir, kind: 'app' });
    expect(live).toEqual({
      acquired: false,
      holder: expect.objectContaining({ pid: process.ppid, kind: 'daemon' }),
    });

    const dir2 = tempDir();
    plantLock(dir2, {
      pid: deadPid(),
      hostname: 'elsewhere.example',
      kind: 'app',
      startedAt: Date.now(),
    });
    const remote = tryAcquireRefresherLock({ configDir: dir2, kind: 'daemon' });
    expect(remote.acquired).toBe(false);
    if (!remote.acquired && remote.holder) {
      expect(describeRefresherHolder(remote.holder)).toMatch(
        /the Switchyard app \(pid \d+ on elsewhere.example\)/,
      );
    }
  });

  it('another host keeps the lock while its heartbeat is fresh, and loses it once stale', () => {
    const dir = tempDir();
    const path = plantLock(dir, {
      pid: deadPid(),
      hostname: 'elsewhere.example',
      kind: 'daemon',
      startedAt: Date.now() - 86_400_000, // a day-old refresher, still beating
      token: 'theirs',
    });
    expect(tryAcquireRefresherLock({ configDir: dir, kind: 'app' }).acquired).toBe(false);
    const old = new Date(Date.now() - 31_000);
    utimesSync(path, old, old);
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) lock.release();
  });

  it('beats while held, so other hosts respect it; the beat stops on release', () => {
    const dir = tempDir();
    const beats: (() => void)[] = [];
    const lock = tryAcquireRefresherLock({
      configDir: dir,
      kind: 'daemon',
      releaseOnExit: false,
      timers: { setInterval: (beat) => beats.push(beat), clearInterval: () => beats.splice(0) },
    });
    if (!lock.acquired) throw new Error('expected the lock');
    const path = join(dir, REFRESHER_LOCK_FILE);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    beats[0]!();
    expect(statSync(path).mtimeMs).toBeGreaterThan(Date.now() - 10_000);
    lock.release();
    expect(beats).toEqual([]);
  });

  it('treats an unreadable lock as being written at first, and as stale after a grace period', () => {
    const dir = tempDir();
    const path = plantLock(dir, '');
    expect(tryAcquireRefresherLock({ configDir: dir, kind: 'app' })).toEqual({
      acquired: false,
      holder: undefined,
    });
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) lock.release();
  });

  it('isHeld turns false when the file is removed behind our back; release leaves a successor alone', () => {
    const dir = tempDir();
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'app', releaseOnExit: false });
    if (!lock.acquired) throw new Error('expected the lock');
    const path = join(dir, REFRESHER_LOCK_FILE);
    unlinkSync(path);
    expect(lock.isHeld()).toBe(false);
    writeFileSync(
      path,
      JSON.stringify({ pid: process.ppid, hostname: hostname(), kind: 'daemon', startedAt: 1 }),
    );
    lock.release();
    expect(existsSync(path)).toBe(true);
  });

  it('registers an exit handler only when asked, and removes it on release', () => {
    const dir = tempDir();
    const before = process.listenerCount('exit');
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'app' });
    expect(process.listenerCount('exit')).toBe(before + 1);
    if (lock.acquired) lock.release();
    expect(process.listenerCount('exit')).toBe(before);
  });
});
