import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Secret } from '../../../../electron/core/secret';
import { KeytarSecretStore } from '../../../../electron/core/secrets/keytar-secret-store';
import { LongTermKeys } from '../../../../electron/core/secrets/long-term-keys';
import type { RunResult } from '../../../support/run-cli';
import { createTempAwsHome, type TempAwsHome } from '../../../support/temp-aws-home';
import { isCi } from '../../../support/tools';
import { expectOneLineError, switchyard, filesState } from './roles-cli';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let home: TempAwsHome;
beforeEach(() => {
  home = createTempAwsHome();
});
afterEach(() => home.cleanup());

function expectNoSecret(result: RunResult): void {
  expect(result.stdout).not.toContain(SECRET_ACCESS_KEY);
  expect(result.stderr).not.toContain(SECRET_ACCESS_KEY);
  // Not even a recognisable piece of it.
  expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_ACCESS_KEY.slice(0, 12));
}

describe('switchyard keys: refused before the keychain is touched', () => {
  it.each([
    ['no subcommand', [], undefined, /keys: missing subcommand; use set or delete/],
    ['no source name', ['set'], '', /missing <source-name>/],
    ['a bad source name', ['set', 'a b'], '', /<source-name>: /],
    [
      'a temporary key ID',
      ['set', 'ci', '--access-key-id', 'ASIAIOSFODNN7EXAMPLE'],
      SECRET_ACCESS_KEY,
      /--access-key-id: is a temporary key ID/,
    ],
    [
      'an empty stdin',
      ['set', 'ci', '--access-key-id', ACCESS_KEY_ID],
      '',
      /stdin: has nothing, expected one line: the secret access key/,
    ],
    [
      'one line where two are needed',
      ['set', 'ci'],
      `${SECRET_ACCESS_KEY}\n`,
      /stdin: has 1 line, expected two lines/,
    ],
    [
      'extra lines',
      ['set', 'ci', '--access-key-id', ACCESS_KEY_ID],
      `${SECRET_ACCESS_KEY}\nmore\n`,
      /stdin: has 2 lines, expected one line/,
    ],
    [
      'a short secret',
      ['set', 'ci', '--access-key-id', ACCESS_KEY_ID],
      `${SECRET_ACCESS_KEY.slice(0, 39)}\n`,
      /secret access key: is 39 characters long, not 40/,
    ],
    [
      'a secret with a bad character',
      ['set', 'ci', '--access-key-id', ACCESS_KEY_ID],
      `${SECRET_ACCESS_KEY.slice(0, 39)}!\n`,
      /secret access key: has a character at position 40/,
    ],
    [
      'a secret given as an option',
      ['set', 'ci', '--secret-access-key', SECRET_ACCESS_KEY],
      '',
      /Unknown option '--secret-access-key'/,
    ],
  ])('refuses %s: exit 2, one line, no secret echoed', async (_name, args, input, message) => {
    const result = await switchyard(home, ['keys', ...args], input === undefined ? {} : { input });
    expectOneLineError(result, 2, message);
    expectNoSecret(result);
  });
});

/**
 * The real keytar against a real Secret Service, as in
 * tests/integration/keychain/keytar-keychain.test.ts: scripts/with-keyring.sh
 * (a private D-Bus session with an unlocked gnome-keyring) sets
 * SWITCHYARD_SECRET_SERVICE=1. Elsewhere this skips with the reason; under
 * CI=true without it, it fails.
 */
const available = process.env.SWITCHYARD_SECRET_SERVICE === '1';
const reason =
  'SWITCHYARD_SECRET_SERVICE is not 1: run `bash scripts/with-keyring.sh npx vitest run tests/integration/cli/roles`';

if (!available && isCi()) {
  describe('switchyard keys in the OS keychain', () => {
    it('needs a Secret Service under CI=true', () => {
      throw new Error(`CI=true but no Secret Service: ${reason}`);
    });
  });
}

describe.skipIf(!available)(
  `switchyard keys in the OS keychain${available ? '' : ` (skipped: ${reason})`}`,
  () => {
    // The CLI uses the product's keychain service; a private keyring and a
    // name of their own keep these items apart from anything real.
    const keys = new LongTermKeys(new KeytarSecretStore());
    const names: string[] = [];
    const newName = (): string => {
      const name = `cli-test-${randomBytes(4).toString('hex')}`;
      names.push(name);
      return name;
    };
    afterAll(async () => {
      for (const name of names) await keys.delete(name);
    });

    it('stores the secret from stdin with --access-key-id, and deletes it', async () => {
      const name = newName();
      const set = await switchyard(home, ['keys', 'set', name, '--access-key-id', ACCESS_KEY_ID], {
        input: `  ${SECRET_ACCESS_KEY}  \r\n\n`,
      });
      expectNoSecret(set);
      expect(set.stderr).toBe('');
      expect(set.code).toBe(0);
      expect(set.stdout).toBe(`stored the access key for "${name}" in the OS keychain\n`);
      const pair = await keys.require(name);
      expect(pair.accessKeyId.reveal()).toBe(ACCESS_KEY_ID);
      expect(pair.secretAccessKey.reveal()).toBe(SECRET_ACCESS_KEY);

      const deleted = await switchyard(home, ['keys', 'delete', name]);
      expect(deleted.code).toBe(0);
      expect(deleted.stdout).toBe(`deleted the access key for "${name}" from the OS keychain\n`);
      expect(await keys.get(name)).toBeUndefined();
      const again = await switchyard(home, ['keys', 'delete', name]);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(`no access key is stored for "${name}"; nothing to delete\n`);
    });

    it('reads the key ID and the secret as two stdin lines, replacing what was stored', async () => {
      const name = newName();
      await keys.set(name, {
        accessKeyId: 'AKIAOLDOLDOLDOLDOLD1',
        secretAccessKey: new Secret('x'.repeat(40)),
      });
      const set = await switchyard(home, ['keys', 'set', name], {
        input: `${ACCESS_KEY_ID}\n${SECRET_ACCESS_KEY}\n`,
      });
      expectNoSecret(set);
      expect(set.code).toBe(0);
      const pair = await keys.require(name);
      expect(pair.accessKeyId.reveal()).toBe(ACCESS_KEY_ID);
      expect(pair.secretAccessKey.reveal()).toBe(SECRET_ACCESS_KEY);
    });

    it('stores nothing when the input is refused', async () => {
      const name = newName();
      const result = await switchyard(home, ['keys', 'set', name], {
        input: `${ACCESS_KEY_ID}\n${SECRET_ACCESS_KEY.slice(1)}\n`,
      });
      expectOneLineError(result, 2, /secret access key: is 39 characters long/);
      expect(await keys.get(name)).toBeUndefined();
    });
  },
);

/** The test environment without any way to reach a D-Bus session. */
function withoutKeychain(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...home.env };
  for (const key of [
    'DBUS_SESSION_BUS_ADDRESS',
    'DISPLAY',
    'WAYLAND_DISPLAY',
    'GNOME_KEYRING_CONTROL',
    'XDG_RUNTIME_DIR',
  ]) {
    delete env[key];
  }
  return { ...env, ...extra };
}

describe.skipIf(process.platform !== 'linux')(
  'switchyard keys set with no OS keychain (Linux)',
  () => {
    it.each([
      ['no D-Bus session at all', {}],
      [
        'a D-Bus address that leads nowhere',
        { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/switchyard-bus' },
      ],
    ])('with %s: exit 1 with the clear message, nothing written', async (_name, extra) => {
      const before = filesState(home.home);
      const result = await switchyard(
        home,
        ['keys', 'set', 'ci', '--access-key-id', ACCESS_KEY_ID],
        {
          input: `${SECRET_ACCESS_KEY}\n`,
          env: withoutKeychain(extra),
        },
      );
      expectOneLineError(
        result,
        1,
        /^switchyard: cannot store "keys\/ci" in the OS keychain: no OS keychain is reachable \(Secret Service over D-Bus: ".+"\); /,
      );
      expect(result.stderr).toContain('GNOME Keyring or KWallet');
      expect(result.stderr).toContain('never in plain text');
      expectNoSecret(result);
      expect(filesState(home.home)).toEqual(before);
    });
  },
);
