import { describe, expect, it } from 'vitest';

import { Secret } from '../../../electron/core/secret';
import {
  checkAccessKeyId,
  checkSecretAccessKey,
} from '../../../electron/core/secrets/access-key-rules';
import { KeychainError } from '../../../electron/core/secrets/keychain-error';
import { LongTermKeys } from '../../../electron/core/secrets/long-term-keys';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { expectInputError } from '../shared/expect-input-error';
import {
  ACCESS_KEY_ID,
  expectNoSecretIn,
  expectRejectedInput,
  SECRET_ACCESS_KEY,
} from './secret-fixtures';

describe('access key checks', () => {
  it('accept AWS-shaped keys', () => {
    expect(checkAccessKeyId(ACCESS_KEY_ID)).toBe(ACCESS_KEY_ID);
    expect(checkAccessKeyId(new Secret(ACCESS_KEY_ID))).toBe(ACCESS_KEY_ID);
    expect(checkSecretAccessKey(new Secret(SECRET_ACCESS_KEY))).toBe(SECRET_ACCESS_KEY);
  });

  it.each([
    ['ASIAIOSFODNN7EXAMPLE', 'temporary key ID'],
    ['AKIAIOSFODNN7EXAMPL', '19 characters'],
    ['AKIAiosfodnn7example', 'not a long-term access key ID'],
    [' AKIAIOSFODNN7EXAMPLE', 'spaces around it'],
    ['', 'not a long-term access key ID'],
  ])('refuse the access key ID %j without repeating it', (value, fragment) => {
    const message = expectInputError(() => checkAccessKeyId(value), 'access key ID', fragment);
    if (value.trim()) expect(message).not.toContain(value.trim());
  });

  it.each([
    [SECRET_ACCESS_KEY.slice(1), '39 characters long'],
    [`${SECRET_ACCESS_KEY}x`, '41 characters long'],
    [`${SECRET_ACCESS_KEY.slice(0, 39)}!`, 'position 40'],
    [`${SECRET_ACCESS_KEY}\n`, 'spaces around it'],
  ])('refuse a bad secret key without repeating it (%#)', (value, fragment) => {
    const message = expectInputError(
      () => checkSecretAccessKey(new Secret(value)),
      'secret access key',
      fragment,
    );
    expect(message).not.toContain(value.trim().slice(0, 10));
  });
});

describe('LongTermKeys', () => {
  it('stores a key pair under its source name and reads it back wrapped', async () => {
    const store = new MemorySecretStore();
    const keys = new LongTermKeys(store);
    await keys.set('ci-user', {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: new Secret(SECRET_ACCESS_KEY),
    });
    expect(store.accounts()).toEqual(['keys/ci-user']);
    const pair = await keys.get('ci-user');
    expect(pair?.accessKeyId.reveal()).toBe(ACCESS_KEY_ID);
    expect(pair?.secretAccessKey.reveal()).toBe(SECRET_ACCESS_KEY);
    expectNoSecretIn(pair, SECRET_ACCESS_KEY, ACCESS_KEY_ID);
    expect(await keys.require('ci-user')).toEqual(pair);
    expect(await keys.delete('ci-user')).toBe(true);
    expect(await keys.get('ci-user')).toBeUndefined();
  });

  it('checks both halves and the name before storing anything', async () => {
    const store = new MemorySecretStore();
    const keys = new LongTermKeys(store);
    const secret = new Secret(SECRET_ACCESS_KEY);
    await expectRejectedInput(
      keys.set('ci', { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: secret }),
      'access key ID',
    );
    await expectRejectedInput(
      keys.set('ci', { accessKeyId: ACCESS_KEY_ID, secretAccessKey: new Secret('short') }),
      'secret access key',
    );
    await expectRejectedInput(
      keys.set('a b', { accessKeyId: ACCESS_KEY_ID, secretAccessKey: secret }),
      'keychain source',
      'a space',
    );
    expect(store.accounts()).toEqual([]);
  });

  it('says when no keys are stored, and when an item is not in its format', async () => {
    const store = new MemorySecretStore();
    const keys = new LongTermKeys(store);
    await expectRejectedInput(
      keys.require('nobody'),
      'keychain source',
      'no keys are stored under "nobody"',
    );
    await store.set(
      'keys/edited',
      new Secret(
        `{"v":1,"accessKeyId":"${ACCESS_KEY_ID}","secretAccessKey":"${SECRET_ACCESS_KEY}!"}`,
      ),
    );
    const error = await keys.get('edited').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeychainError);
    expect((error as KeychainError).problem).toBe('corrupt');
    expect((error as Error).message).toContain('store the keys for "edited" again');
    expectNoSecretIn(error, SECRET_ACCESS_KEY, ACCESS_KEY_ID);
  });
});
