import { describe, expect, it } from 'vitest';

import { Secret } from '../../../electron/core/secret';
import { KeychainError, keychainError } from '../../../electron/core/secrets/keychain-error';
import {
  KeytarSecretStore,
  type KeytarApi,
} from '../../../electron/core/secrets/keytar-secret-store';
import { expectNoSecretIn, SECRET_ACCESS_KEY } from './secret-fixtures';

/** keytar's API over a Map, recording every call (service, account; never the password). */
function fakeKeytar(fail?: Error): KeytarApi & { calls: string[] } {
  const items = new Map<string, string>();
  const calls: string[] = [];
  const run = async <T>(
    name: string,
    service: string,
    account: string,
    body: () => T,
  ): Promise<T> => {
    calls.push(`${name} ${service} ${account}`);
    if (fail) throw fail;
    return body();
  };
  return {
    calls,
    getPassword: (service, account) =>
      run('get', service, account, () => items.get(`${service}/${account}`) ?? null),
    setPassword: (service, account, password) =>
      run('set', service, account, () => void items.set(`${service}/${account}`, password)),
    deletePassword: (service, account) =>
      run('delete', service, account, () => items.delete(`${service}/${account}`)),
  };
}

async function rejection(promise: Promise<unknown>): Promise<KeychainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeychainError);
  return error as KeychainError;
}

describe('KeytarSecretStore', () => {
  it('stores under the service "Switchyard" and loads keytar once, on first use', async () => {
    const keytar = fakeKeytar();
    let loads = 0;
    const store = new KeytarSecretStore({
      load: async () => {
        loads++;
        return keytar;
      },
    });
    expect(loads).toBe(0);
    await store.set('keys/ci', new Secret(SECRET_ACCESS_KEY));
    expect((await store.get('keys/ci'))?.reveal()).toBe(SECRET_ACCESS_KEY);
    expect(await store.get('keys/none')).toBeUndefined();
    expect(await store.delete('keys/ci')).toBe(true);
    expect(loads).toBe(1);
    expect(keytar.calls).toEqual([
      'set Switchyard keys/ci',
      'get Switchyard keys/ci',
      'get Switchyard keys/none',
      'delete Switchyard keys/ci',
    ]);
  });

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY'],
    ['Could not connect: No such file or directory'],
    ['The name org.freedesktop.secrets was not provided by any .service files'],
    ['Cannot spawn a message bus without a machine-id: Unable to load /var/lib/dbus/machine-id'],
  ])('turns "%s" into a clear "no OS keychain" error, never a fallback', async (said) => {
    const store = new KeytarSecretStore({
      load: async () => fakeKeytar(new Error(said)),
      platform: 'linux',
    });
    const error = await rejection(store.set('keys/ci', new Secret(SECRET_ACCESS_KEY)));
    expect(error.problem).toBe('unreachable');
    expect(error.message).toContain(
      'cannot store "keys/ci" in the OS keychain: no OS keychain is reachable',
    );
    expect(error.message).toContain(said.split('\n')[0]);
    expect(error.message).toContain('GNOME Keyring or KWallet');
    expect(error.message).toContain('"dbus-run-session"');
    expect(error.message).toContain('"gnome-keyring-daemon --unlock --components=secrets"');
    expect(error.message).toContain('never in plain text');
    expect(error.message).not.toContain('\n');
    expectNoSecretIn(error, SECRET_ACCESS_KEY);
  });

  it('says when the keychain is locked', async () => {
    const store = new KeytarSecretStore({
      load: async () => fakeKeytar(new Error('Cannot create an item in a locked collection')),
      platform: 'linux',
    });
    const error = await rejection(store.set('keys/ci', new Secret('x')));
    expect(error.problem).toBe('locked');
    expect(error.message).toContain('the OS keychain is locked');
    expect(error.message).toContain('unlock it');
  });

  it('explains a keytar that cannot load, and tries loading again next time', async () => {
    let attempts = 0;
    const store = new KeytarSecretStore({
      platform: 'linux',
      load: async () => {
        attempts++;
        if (attempts === 1)
          throw new Error(
            'libsecret-1.so.0: cannot open shared object file: No such file or directory',
          );
        return fakeKeytar();
      },
    });
    const error = await rejection(store.get('keys/ci'));
    expect(error.problem).toBe('missing-library');
    expect(error.message).toContain('install libsecret');
    expect(await store.get('keys/ci')).toBeUndefined();
    expect(attempts).toBe(2);
  });

  it('passes other keychain failures through in one line', () => {
    const error = keychainError(
      new Error('Something odd\nsecond line'),
      'read "x" from the OS keychain',
      'darwin',
    );
    expect(error.problem).toBe('failed');
    expect(error.message).toBe(
      'cannot read "x" from the OS keychain: the OS keychain reported "Something odd"',
    );
  });

  it('gives platform advice off Linux', () => {
    expect(
      keychainError(new Error('User interaction is not allowed.'), 'read "x"', 'darwin').message,
    ).toContain('locked');
  });

  it('loads the real keytar module lazily through a dynamic import', async () => {
    const { loadKeytar } = await import('../../../electron/core/secrets/keytar-secret-store');
    const keytar = await loadKeytar();
    expect(typeof keytar.getPassword).toBe('function');
    expect(typeof keytar.setPassword).toBe('function');
    expect(typeof keytar.deletePassword).toBe('function');
  });
});
