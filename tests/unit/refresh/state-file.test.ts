import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathFor } from '../../../electron/core/fs/file-lock';
import { addRequest, setDesired } from '../../../electron/core/refresh/state-changes';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { StateFileError } from '../../../electron/core/refresh/state-file-error';
import { emptyState, STATE_FILE_NAME } from '../../../electron/core/refresh/state-model';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();
const NOW = 1_767_261_600_000;

describe('openStateFile', () => {
  it('reads a missing file as the empty state, without creating anything', async () => {
    const dir = join(tempDir(), 'cfg');
    const file = openStateFile({ configDir: dir });
    expect(file.path).toBe(join(dir, STATE_FILE_NAME));
    expect(await file.read()).toEqual(emptyState());
    expect(await file.readText()).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });

  it('update writes atomically, owner-only, and leaves no temp or lock file', async () => {
    const dir = join(tempDir(), 'cfg');
    const file = openStateFile({ configDir: dir });
    const next = await file.update((s) => setDesired(s, 'prod', 'active', NOW));
    expect(next.sessions.prod?.desired).toBe('active');
    expect(await file.read()).toEqual(next);
    if (process.platform !== 'win32') {
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    expect(readdirSync(dir)).toEqual([STATE_FILE_NAME]);
  });

  it('update that returns the same object writes nothing', async () => {
    const file = openStateFile({ configDir: tempDir() });
    await file.update((s) => setDesired(s, 'prod', 'active', NOW));
    // Every write renames a new file into place: the same inode means no write (no sleep needed).
    const before = statSync(file.path).ino;
    const text = readFileSync(file.path, 'utf8');
    await file.update((s) => setDesired(s, 'prod', 'active', NOW + 1));
    expect(statSync(file.path).ino).toBe(before);
    expect(readFileSync(file.path, 'utf8')).toBe(text);
  });

  it('concurrent updates in one process lose nothing', async () => {
    const file = openStateFile({ configDir: tempDir() });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        file.update((s) =>
          addRequest(s, {
            id: `q${i}`,
            action: 'refresh',
            roleId: 'r',
            createdAt: NOW,
            from: { pid: 1, kind: 'cli' },
          }),
        ),
      ),
    );
    expect((await file.read()).requests).toHaveLength(20);
  });

  it('a corrupt file is reported clearly and never overwritten; setAside moves it away', async () => {
    const dir = tempDir();
    const file = openStateFile({ configDir: dir });
    writeFileSync(file.path, '{"version":1,"sessions":{"a":');
    await expect(file.read()).rejects.toMatchObject({ kind: 'corrupt', path: file.path });
    let called = false;
    await expect(file.update((s) => ((called = true), s))).rejects.toBeInstanceOf(StateFileError);
    expect(called).toBe(false);
    expect(readFileSync(file.path, 'utf8')).toBe('{"version":1,"sessions":{"a":');

    const aside = await file.setAside(NOW);
    expect(aside).toBe(`${file.path}.corrupt-2026-01-01T10-00-00-000Z`);
    expect(readFileSync(aside!, 'utf8')).toBe('{"version":1,"sessions":{"a":');
    expect(await file.read()).toEqual(emptyState());
    expect(await file.setAside()).toBeUndefined();
  });

  it('with onSetAside, a corrupt file is moved aside once and work goes on from an empty state', async () => {
    const dir = tempDir();
    const notices: { aside: string; message: string }[] = [];
    const file = openStateFile({ configDir: dir, onSetAside: (n) => notices.push(n) });
    const damaged = '{"version":1,"sessions":{"a":';
    writeFileSync(file.path, damaged);

    expect(await file.read()).toEqual(emptyState());
    expect(notices).toHaveLength(1);
    expect(readFileSync(notices[0]!.aside, 'utf8')).toBe(damaged);
    expect(notices[0]!.message).toContain(file.path);
    expect(notices[0]!.message).toContain(notices[0]!.aside);
    expect(notices[0]!.message).not.toContain('\n');

    // A second damage, met by an update this time: set aside again, the change applied to an empty state.
    writeFileSync(file.path, 'not json');
    const next = await file.update((s) => setDesired(s, 'prod', 'active', NOW));
    expect(next.sessions.prod?.desired).toBe('active');
    expect(await file.read()).toEqual(next);
    expect(notices).toHaveLength(2);
    expect(readFileSync(notices[1]!.aside, 'utf8')).toBe('not json');
    const asides = readdirSync(dir).filter((n) => n.includes('.corrupt-'));
    expect(asides).toHaveLength(2);
    expect(await file.setAside(NOW)).toBe(`${file.path}.corrupt-2026-01-01T10-00-00-000Z`);
    writeFileSync(file.path, 'again');
    expect(await file.setAside(NOW)).toBe(`${file.path}.corrupt-2026-01-01T10-00-00-000Z-1`);
  });

  it('with onSetAside, a file from a newer version is still refused, never set aside', async () => {
    const notices: unknown[] = [];
    const file = openStateFile({ configDir: tempDir(), onSetAside: (n) => notices.push(n) });
    writeFileSync(file.path, '{"version":9}');
    await expect(file.read()).rejects.toMatchObject({ kind: 'unsupported-version' });
    await expect(file.update((s) => s)).rejects.toMatchObject({ kind: 'unsupported-version' });
    expect(readFileSync(file.path, 'utf8')).toBe('{"version":9}');
    expect(notices).toEqual([]);
  });

  it('refuses to touch a file written by a newer version', async () => {
    const file = openStateFile({ configDir: tempDir() });
    writeFileSync(file.path, '{"version":9}');
    await expect(file.update((s) => setDesired(s, 'a', 'active', NOW))).rejects.toMatchObject({
      kind: 'unsupported-version',
    });
    expect(readFileSync(file.path, 'utf8')).toBe('{"version":9}');
  });

  it('reports a lock held too long as a "locked" StateFileError', async () => {
    const dir = tempDir();
    const file = openStateFile({ configDir: dir, lock: { timeoutMs: 100 } });
    writeFileSync(
      await lockPathFor(file.path),
      JSON.stringify({
        pid: process.ppid,
        hostname: hostname(),
        createdAt: new Date().toISOString(),
      }),
    );
    await expect(file.update((s) => setDesired(s, 'a', 'active', NOW))).rejects.toMatchObject({
      kind: 'locked',
      message: expect.stringMatching(/held by pid/),
    });
  });

  it('reports an unreadable path as an io error', async () => {
    const dir = tempDir();
    const file = openStateFile({ configDir: join(dir, STATE_FILE_NAME) });
    writeFileSync(join(dir, STATE_FILE_NAME), 'a file where the folder should be');
    await expect(file.read()).rejects.toMatchObject({ kind: 'io' });
    await expect(file.update((s) => s)).rejects.toMatchObject({ kind: 'io' });
  });
});
