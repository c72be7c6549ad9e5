import { inputError } from '../../../shared/check-text';
import { Secret } from '../secret';
import { checkAccessKeyId, checkSecretAccessKey } from './access-key-rules';
import { checkKeySourceName } from './key-source-name';
import { KeychainError } from './keychain-error';
import type { SecretStore } from './secret-store';

/** An IAM user's long-term key pair. Both halves stay wrapped. */
export interface LongTermKeyPair {
  readonly accessKeyId: Secret;
  readonly secretAccessKey: Secret;
}

interface StoredKeys {
  readonly v: 1;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The keychain account of a key source: `keys/<name>`. */
export function longTermKeysAccount(name: string): string {
  return `keys/${checkKeySourceName(name)}`;
}

/**
 * IAM user access keys in the OS keychain, one item per source name (the
 * `{ kind: 'keys', name }` source of a catalog role). Both halves are checked
 * before anything is stored, and stored together so they cannot drift apart.
 */
export class LongTermKeys {
  constructor(private readonly store: SecretStore) {}

  async set(
    name: string,
    keys: { accessKeyId: string | Secret; secretAccessKey: Secret },
  ): Promise<void> {
    const account = longTermKeysAccount(name);
    const stored: StoredKeys = {
      v: 1,
      accessKeyId: checkAccessKeyId(keys.accessKeyId),
      secretAccessKey: checkSecretAccessKey(keys.secretAccessKey),
    };
    await this.store.set(account, new Secret(JSON.stringify(stored)));
  }

  async get(name: string): Promise<LongTermKeyPair | undefined> {
    const account = longTermKeysAccount(name);
    const item = await this.store.get(account);
    if (item === undefined) return undefined;
    const stored = parseStored(item);
    if (!stored) {
      throw new KeychainError(
        `the keychain item "${account}" is not a key pair in Switchyard's format; store the keys for "${name}" again`,
        'corrupt',
      );
    }
    return {
      accessKeyId: new Secret(stored.accessKeyId),
      secretAccessKey: new Secret(stored.secretAccessKey),
    };
  }

  async delete(name: string): Promise<boolean> {
    return this.store.delete(longTermKeysAccount(name));
  }

  /** Like get, but missing keys are an InputError telling the user to store them. */
  async require(name: string): Promise<LongTermKeyPair> {
    const keys = await this.get(name);
    if (!keys) {
      throw inputError(
        'keychain source',
        `no keys are stored under "${name}"`,
        "store the IAM user's access key for it first",
      );
    }
    return keys;
  }
}

function parseStored(item: Secret): StoredKeys | undefined {
  try {
    const value = JSON.parse(item.reveal()) as Partial<StoredKeys> | null;
    if (value?.v !== 1) return undefined;
    checkAccessKeyId(value.accessKeyId);
    checkSecretAccessKey(value.secretAccessKey);
    return value as StoredKeys;
  } catch {
    return undefined;
  }
}
