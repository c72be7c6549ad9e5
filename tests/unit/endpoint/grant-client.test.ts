import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openGrant, revokeEndpointGrants } from '../../../electron/core/endpoint/grant-client';
import { tokenSha256 } from '../../../electron/core/endpoint/grant-token';
import { tryAcquireRefresherLock } from '../../../electron/core/refresh/refresher-lock';
import { openStateFile } from '../../../electron/core/refresh/state-file';
import { emptyState, serializeState } from '../../../electron/core/refresh/state-model';
import { deadPid, useTempDir } from '../refresh/temp-dir';

const tempDir = useTempDir();

function env(dir: string): NodeJS.ProcessEnv {
  return { SWITCHYARD_CONFIG_DIR: dir };
}

function writeState(
  dir: string,
  endpoint?: { port: number; pid: number; grantFiles?: true },
): void {
  const state = {
    ...emptyState(),
    ...(endpoint ? { endpoint: { ...endpoint, startedAt: 1 } } : {}),
  };
  writeFileSync(join(dir, 'state.json'), serializeState(state));
}

describe('openGrant', () => {
  it('writes a grant holding only the token SHA-256 when the lock holder serves', async () => {
    const dir = tempDir();
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'daemon', releaseOnExit: false });
    try {
      writeState(dir, { port: 41_234, pid: process.pid });
      const handle = await openGrant({ roleId: 'a b', kind: 'exec', pid: 77, env: env(dir) });
      expect(handle?.uri).toBe('http://127.0.0.1:41234/role/a%20b');
      const token = handle!.token.reveal();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(String(handle!.token)).toBe('[redacted]');
      const text = readFileSync(join(dir, 'state.json'), 'utf8');
      expect(text.includes(token)).toBe(false);
      const { grants } = await openStateFile({ configDir: dir }).read();
      expect(grants).toMatchObject([
        { roleId: 'a b', kind: 'exec', pid: 77, tokenSha256: tokenSha256(token) },
      ]);
      await handle!.revoke();
      await handle!.revoke(); // idempotent
      expect((await openStateFile({ configDir: dir }).read()).grants).toEqual([]);
    } finally {
      if (lock.acquired) lock.release();
    }
  });

  it('resolves undefined, writing nothing, when no refresher serves', async () => {
    const dir = tempDir();
    // No lock at all, with a record left by a refresher that stopped.
    writeState(dir, { port: 41_234, pid: deadPid() });
    const before = readFileSync(join(dir, 'state.json'), 'utf8');
    expect(await openGrant({ roleId: 'a', kind: 'endpoint', env: env(dir) })).toBeUndefined();
    // A one-shot command holds the lock: it never serves.
    const cli = tryAcquireRefresherLock({ configDir: dir, kind: 'cli', releaseOnExit: false });
    try {
      writeState(dir, { port: 41_234, pid: process.pid });
      expect(await openGrant({ roleId: 'a', kind: 'endpoint', env: env(dir) })).toBeUndefined();
    } finally {
      if (cli.acquired) cli.release();
    }
    // A live refresher whose record is another process's (it has not published its own yet).
    const daemon = tryAcquireRefresherLock({
      configDir: dir,
      kind: 'daemon',
      releaseOnExit: false,
    });
    try {
      writeFileSync(join(dir, 'state.json'), before);
      expect(await openGrant({ roleId: 'a', kind: 'endpoint', env: env(dir) })).toBeUndefined();
      expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(before);
      // A damaged state file: keys instead, and the file is left for the refresher.
      writeFileSync(join(dir, 'state.json'), '{"version":1,"grants":"x"}');
      expect(await openGrant({ roleId: 'a', kind: 'endpoint', env: env(dir) })).toBeUndefined();
    } finally {
      if (daemon.acquired) daemon.release();
    }
  });
});

describe('exec grants as files of their own', () => {
  it('a refresher that reads grant files gets a new file; state.json is not rewritten and no lock is left', async () => {
    const dir = tempDir();
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'daemon', releaseOnExit: false });
    try {
      writeState(dir, { port: 41_234, pid: process.pid, grantFiles: true });
      mkdirSync(join(dir, 'grants'), { mode: 0o700 });
      const statePath = join(dir, 'state.json');
      const before = statSync(statePath, { bigint: true });
      const bytes = readFileSync(statePath);
      const handle = await openGrant({ roleId: 'a b', kind: 'exec', pid: 77, env: env(dir) });
      expect(handle?.uri).toBe('http://127.0.0.1:41234/role/a%20b');
      const token = handle!.token.reveal();
      const after = statSync(statePath, { bigint: true });
      // Not replaced (a rename would give a new inode), not touched, not locked.
      expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
      expect(readFileSync(statePath).equals(bytes)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['grants', 'refresher.lock', 'state.json']);
      const file = join(dir, 'grants', `${tokenSha256(token)}.json`);
      const text = readFileSync(file, 'utf8');
      expect(text.includes(token)).toBe(false);
      expect(JSON.parse(text)).toMatchObject({ roleId: 'a b', kind: 'exec', pid: 77 });
      await handle!.revoke();
      expect(existsSync(file)).toBe(false);
      await handle!.revoke(); // idempotent
      expect(readdirSync(join(dir, 'grants'))).toEqual([]);
    } finally {
      if (lock.acquired) lock.release();
    }
  });

  it('without a grants folder, or for an older refresher (no grantFiles), the grant goes into state.json', async () => {
    const dir = tempDir();
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'daemon', releaseOnExit: false });
    try {
      for (const grantFiles of [true, undefined] as const) {
        writeState(dir, { port: 41_234, pid: process.pid, ...(grantFiles ? { grantFiles } : {}) });
        const handle = await openGrant({ roleId: 'a', kind: 'exec', pid: 77, env: env(dir) });
        const { grants } = await openStateFile({ configDir: dir }).read();
        expect(grants).toMatchObject([{ tokenSha256: tokenSha256(handle!.token.reveal()) }]);
        await handle!.revoke();
        expect((await openStateFile({ configDir: dir }).read()).grants).toEqual([]);
        mkdirSync(join(dir, 'grants'), { recursive: true, mode: 0o700 });
      }
      expect(readdirSync(join(dir, 'grants'))).toEqual([]);
    } finally {
      if (lock.acquired) lock.release();
    }
  });
});

describe('how grants reach the disk', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Counts fsyncs (FileHandle.sync, which writeFileAtomic uses for the file and its folder). */
  async function countSyncs(dir: string): Promise<{ count: () => number }> {
    const probe = await open(join(dir, 'probe'), 'w');
    const handleClass = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const spy = vi.spyOn(handleClass, 'sync');
    return { count: () => spy.mock.calls.length };
  }

  it('an exec grant and its revocation skip fsync; an endpoint grant and its revocation keep it', async () => {
    const dir = tempDir();
    const lock = tryAcquireRefresherLock({ configDir: dir, kind: 'daemon', releaseOnExit: false });
    try {
      writeState(dir, { port: 41_234, pid: process.pid });
      const syncs = await countSyncs(dir);
      const exec = await openGrant({ roleId: 'a', kind: 'exec', pid: 77, env: env(dir) });
      expect((await openStateFile({ configDir: dir }).read()).grants).toHaveLength(1);
      await exec!.revoke();
      expect((await openStateFile({ configDir: dir }).read()).grants).toEqual([]);
      expect(syncs.count()).toBe(0);
      const kept = await openGrant({ roleId: 'a', kind: 'endpoint', env: env(dir) });
      expect(syncs.count()).toBe(2); // the file and its folder
      await kept!.revoke();
      expect(syncs.count()).toBe(4);
    } finally {
      if (lock.acquired) lock.release();
    }
  });
});

describe('revokeEndpointGrants', () => {
  it("removes one role's endpoint grants, or all of them, never exec grants", async () => {
    const dir = tempDir();
    const grant = (id: string, roleId: string, kind: 'exec' | 'endpoint') => ({
      id,
      roleId,
      kind,
      tokenSha256: tokenSha256(id),
      createdAt: 1,
      ...(kind === 'exec' ? { pid: process.pid } : {}),
    });
    const state = {
      ...emptyState(),
      grants: [
        grant('1', 'a', 'endpoint'),
        grant('2', 'a', 'exec'),
        grant('3', 'b', 'endpoint'),
        grant('4', 'a', 'endpoint'),
      ],
    };
    writeFileSync(join(dir, 'state.json'), serializeState(state));
    expect(await revokeEndpointGrants({ roleId: 'a' }, env(dir))).toBe(2);
    const ids = async () =>
      ((await openStateFile({ configDir: dir }).read()).grants ?? []).map((g) => g.id);
    expect(await ids()).toEqual(['2', '3']);
    expect(await revokeEndpointGrants('all', env(dir))).toBe(1);
    expect(await ids()).toEqual(['2']);
    expect(await revokeEndpointGrants('all', env(dir))).toBe(0);
  });
});
