import { checkText } from '../../../shared/check-text';

/**
 * The name long-term IAM user keys are stored under in the OS keychain (a
 * catalog role's `{ kind: 'keys', name }` source). It is part of a keychain
 * account name and shown in prompts, so it stays short and plain.
 */
export function checkKeySourceName(value: unknown, field = 'keychain source'): string {
  return checkText(value, field, {
    min: 1,
    max: 64,
    allowed: /^[\w.@+-]$/,
    allowedText: 'letters, digits and _ . @ + -',
  });
}
