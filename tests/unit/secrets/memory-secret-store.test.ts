import { describe, expect, it } from 'vitest';

import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { Secret } from '../../../electron/core/secret';
import { expectNoSecretIn, expectRejectedInput } from './secret-fixtures';

describe('MemorySecretStore', () => {
  it('stores, reads back as a Secret, and deletes', async () => {
    const store = new MemorySecretStore();
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', new Secret('s3cret-value'));
    const read = await store.get('a');
    expect(read?.reveal()).toBe('s3cret-value');
    expectNoSecretIn(read, 's3cret-value');
    expect(store.accounts()).toEqual(['a']);
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeUndefined();
  });

  it('refuses empty and multi-line account names', async () => {
    const store = new MemorySecretStore();
    await expectRejectedInput(store.get(''), 'keychain account', 'is empty');
    await expectRejectedInput(store.set('a\nb', new Secret('x')), 'keychain account', 'line break');
  });
});
