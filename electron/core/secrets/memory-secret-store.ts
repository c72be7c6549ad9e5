import { Secret } from '../secret';
import { checkAccount, type SecretStore } from './secret-store';

/** A SecretStore in process memory, for tests and for runs that must not touch the OS keychain. */
export class MemorySecretStore implements SecretStore {
  readonly #items = new Map<string, string>();

  async get(account: string): Promise<Secret | undefined> {
    const value = this.#items.get(checkAccount(account));
    return value === undefined ? undefined : new Secret(value);
  }

  async set(account: string, secret: Secret): Promise<void> {
    this.#items.set(checkAccount(account), secret.reveal());
  }

  async delete(account: string): Promise<boolean> {
    return this.#items.delete(checkAccount(account));
  }

  /** The account names held (never the values). */
  accounts(): string[] {
    return [...this.#items.keys()];
  }
}
