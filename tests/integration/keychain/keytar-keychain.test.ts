import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

import { Secret } from '../../../electron/core/secret';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-secret-store';
import { LongTermKeys } from '../../../electron/core/secrets/long-term-keys';
import { MfaSessionCache } from '../../../electron/core/secrets/mfa-session-cache';
import { isCi } from '../../support/tools';

/**
 * The real keytar against a real Secret Service. CI runs the suite through
 * scripts/with-keyring.sh (a private D-Bus session with an unlocked
 * gnome-keyring), which sets SWITCHYARD_SECRET_SERVICE=1. Elsewhere this file
 * skips with the reason; under CI=true without it, it fails.
 */
const available = process.env.SWITCHYARD_SECRET_SERVICE === '1';
const reason =
  'SWITCHYARD_SECRET_SERVICE is not 1: run `bash scripts/with-keyring.sh npx vitest run tests/integration/keychain`';

if (!available && isCi()) {
  describe('OS keychain (keytar + Secret Service)', () => {
    it('needs a Secret Service under CI=true', () => {
      throw new Error(`CI=true but no Secret Service: ${reason}`);
    });
  });
}

// Items go under a service name of their own, so a developer's real Switchyard items are never touched.
const service = `Switchyard-test-${randomBytes(4).toString('hex')}`;
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe.skipIf(!available)(
  `OS keychain (keytar + Secret Service)${available ? '' : ` (skipped: ${reason})`}`,
  () => {
    const store = new KeytarSecretStore({ service });
    const used = new Set<string>();
    afterAll(async () => {
      for (const account of used) await store.delete(account);
    });

    it('stores, reads, overwrites and deletes a secret', async () => {
      used.add('plain/item');
      expect(await store.get('plain/item')).toBeUndefined();
      await store.set('plain/item', new Secret('first value'));
      expect((await store.get('plain/item'))?.reveal()).toBe('first value');
      await store.set('plain/item', new Secret('second value ✓ with unicode'));
      expect((await store.get('plain/item'))?.reveal()).toBe('second value ✓ with unicode');
      expect(await store.delete('plain/item')).toBe(true);
      expect(await store.get('plain/item')).toBeUndefined();
      expect(await store.delete('plain/item')).toBe(false);
    });

    it('keeps long-term keys, visible to a second store instance', async () => {
      used.add('keys/ci-user');
      await new LongTermKeys(store).set('ci-user', {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: new Secret(SECRET_ACCESS_KEY),
      });
      const pair = await new LongTermKeys(new KeytarSecretStore({ service })).require('ci-user');
      expect(pair.accessKeyId.reveal()).toBe(ACCESS_KEY_ID);
      expect(pair.secretAccessKey.reveal()).toBe(SECRET_ACCESS_KEY);
    });

    it('caches an MFA session with its expiry', async () => {
      used.add('mfa/profile:login');
      const cache = new MfaSessionCache(store);
      const now = Date.now();
      await cache.set('profile:login', {
        accessKeyId: new Secret('ASIAIOSFODNN7EXAMPLE'),
        secretAccessKey: new Secret(SECRET_ACCESS_KEY),
        sessionToken: new Secret('token-'.repeat(100)),
        expiresAt: now + 3_600_000,
      });
      const session = await cache.get('profile:login', now);
      expect(session?.sessionToken.reveal()).toBe('token-'.repeat(100));
      expect(session?.expiresAt).toBe(now + 3_600_000);
      expect(await cache.clear('profile:login')).toBe(true);
    });
  },
);
