import { Secret } from '../secret';
import { keychainError } from './keychain-error';
import { checkAccount, SECRET_SERVICE_NAME, type SecretStore } from './secret-store';

/** The part of keytar this adapter uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * Loads keytar on first use: it is a native module, and most CLI commands never
 * touch the keychain, so they should not pay for loading it (or fail on a
 * machine where it cannot load).
 */
export async function loadKeytar(): Promise<KeytarApi> {
  // keytar is CommonJS: Node's ESM loader puts module.exports on `default`.
  const module = (await import('keytar')) as unknown as { default?: KeytarApi } & KeytarApi;
  return module.default ?? module;
}

export interface KeytarSecretStoreOptions {
  /** Default "Switchyard". Tests use their own, so they never touch real items. */
  readonly service?: string;
  /** Default loadKeytar; tests inject failures here. */
  readonly load?: () => Promise<KeytarApi>;
  /** For error advice; default process.platform. */
  readonly platform?: NodeJS.Platform;
}

/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager,
 * the Secret Service (GNOME Keyring, KWallet) on Linux. Every failure is a
 * one-line KeychainError saying what to install or run; nothing ever falls
 * back to a file.
 */
export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  readonly #load: () => Promise<KeytarApi>;
  readonly #platform: NodeJS.Platform;
  #keytar: Promise<KeytarApi> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE_NAME;
    this.#load = options.load ?? loadKeytar;
    this.#platform = options.platform ?? process.platform;
  }

  async get(account: string): Promise<Secret | undefined> {
    const value = await this.#call(`read "${account}" from`, account, (keytar, name) =>
      keytar.getPassword(this.service, name),
    );
    return value === null ? undefined : new Secret(value);
  }

  async set(account: string, secret: Secret): Promise<void> {
    await this.#call(`store "${account}" in`, account, (keytar, name) =>
      keytar.setPassword(this.service, name, secret.reveal()),
    );
  }

  async delete(account: string): Promise<boolean> {
    return this.#call(`delete "${account}" from`, account, (keytar, name) =>
      keytar.deletePassword(this.service, name),
    );
  }

  async #call<T>(
    action: string,
    account: string,
    run: (keytar: KeytarApi, account: string) => Promise<T>,
  ): Promise<T> {
    const name = checkAccount(account);
    const what = `${action} the OS keychain`;
    let keytar: KeytarApi;
    try {
      this.#keytar ??= this.#load();
      keytar = await this.#keytar;
    } catch (error) {
      // A later call may succeed (e.g. after the user installs libsecret in a long-running app).
      this.#keytar = undefined;
      throw keychainError(error, what, this.#platform);
    }
    try {
      return await run(keytar, name);
    } catch (error) {
      throw keychainError(error, what, this.#platform);
    }
  }
}
