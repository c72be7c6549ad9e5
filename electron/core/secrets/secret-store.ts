import { inputError, rejectHiddenChars, requireText } from '../../../shared/check-text';
import type { Secret } from '../secret';

/** The keychain service (macOS "Where", Secret Service attribute, Windows target prefix) all items use. */
export const SECRET_SERVICE_NAME = 'Switchyard';

/**
 * Where secrets live: the OS keychain in the product, memory in tests. One
 * string per account name; values go in and out as Secret, so they cannot be
 * logged by accident on the way.
 */
export interface SecretStore {
  get(account: string): Promise<Secret | undefined>;
  set(account: string, secret: Secret): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

const MAX_ACCOUNT = 256;

/** Account names are shown in keychain UIs and errors: plain, one line, not empty. */
export function checkAccount(value: unknown, field = 'keychain account'): string {
  const fix = `use 1–${MAX_ACCOUNT} printable characters`;
  const account = requireText(value, field, fix);
  if (account === '') throw inputError(field, 'is empty', fix);
  rejectHiddenChars(account, field);
  if (account.length > MAX_ACCOUNT)
    throw inputError(field, `is ${account.length} characters long`, fix);
  return account;
}
