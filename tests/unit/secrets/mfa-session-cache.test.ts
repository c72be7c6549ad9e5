import { describe, expect, it } from 'vitest';

import { Secret, type SessionCredentials } from '../../../electron/core/secret';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { MfaSessionCache } from '../../../electron/core/secrets/mfa-session-cache';
import {
  ACCESS_KEY_ID,
  expectNoSecretIn,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
} from './secret-fixtures';

const NOW = Date.parse('2026-08-01T12:00:00Z');
const MINUTE = 60_000;

function session(expiresAt: number): SessionCredentials {
  return {
    accessKeyId: new Secret(ACCESS_KEY_ID),
    secretAccessKey: new Secret(SECRET_ACCESS_KEY),
    sessionToken: new Secret(SESSION_TOKEN),
    expiresAt,
  };
}

describe('MfaSessionCache', () => {
  it('shares one session per source key until it nears its expiry', async () => {
    const store = new MemorySecretStore();
    const cache = new MfaSessionCache(store, { marginMs: 5 * MINUTE });
    await cache.set('profile:login', session(NOW + 60 * MINUTE));
    expect(store.accounts()).toEqual(['mfa/profile:login']);

    const cached = await cache.get('profile:login', NOW);
    expect(cached?.expiresAt).toBe(NOW + 60 * MINUTE);
    expect(cached?.sessionToken.reveal()).toBe(SESSION_TOKEN);
    expectNoSecretIn(cached, SECRET_ACCESS_KEY, SESSION_TOKEN, ACCESS_KEY_ID);

    // A second reader (another role, another process) sees the same session.
    const other = new MfaSessionCache(store, { marginMs: 5 * MINUTE });
    expect((await other.get('profile:login', NOW + 30 * MINUTE))?.accessKeyId.reveal()).toBe(
      ACCESS_KEY_ID,
    );
    expect(await cache.get('keys:ci', NOW)).toBeUndefined();
  });

  it('stops handing out a session within the margin, and drops it once expired', async () => {
    const store = new MemorySecretStore();
    const cache = new MfaSessionCache(store, { marginMs: 5 * MINUTE });
    await cache.set('k', session(NOW + 60 * MINUTE));
    expect(await cache.get('k', NOW + 54 * MINUTE)).toBeDefined();
    expect(await cache.get('k', NOW + 55 * MINUTE)).toBeUndefined();
    expect(store.accounts()).toEqual(['mfa/k']);
    expect(await cache.get('k', NOW + 60 * MINUTE)).toBeUndefined();
    expect(store.accounts()).toEqual([]);
  });

  it('uses a 5-minute margin by default', async () => {
    const cache = new MfaSessionCache(new MemorySecretStore());
    await cache.set('k', session(NOW + 10 * MINUTE));
    expect(await cache.get('k', NOW + 4 * MINUTE)).toBeDefined();
    expect(await cache.get('k', NOW + 5 * MINUTE)).toBeUndefined();
  });

  it('clears a session, and deletes an unreadable item instead of failing', async () => {
    const store = new MemorySecretStore();
    const cache = new MfaSessionCache(store);
    await cache.set('k', session(NOW + 60 * MINUTE));
    expect(await cache.clear('k')).toBe(true);
    expect(await cache.get('k', NOW)).toBeUndefined();

    await store.set('mfa/broken', new Secret('{"v":1,"accessKeyId":"x"'));
    expect(await cache.get('broken', NOW)).toBeUndefined();
    expect(store.accounts()).toEqual([]);
  });

  it('refuses a session without a usable expiry', async () => {
    const cache = new MfaSessionCache(new MemorySecretStore());
    await expect(cache.set('k', session(Number.NaN))).rejects.toThrow('expiresAt: is not a time');
  });
});
