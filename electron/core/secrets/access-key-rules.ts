import { inputError, requireText } from '../../../shared/check-text';
import { Secret } from '../secret';

// Neither check repeats the value it was given: these are credentials.

const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;
const SECRET_KEY_LENGTH = 40;
const SECRET_KEY_CHAR = /^[A-Za-z0-9/+]$/;

/** A long-term IAM user access key ID: AKIA + 16 capital letters or digits. */
export function checkAccessKeyId(value: unknown, field = 'access key ID'): string {
  const fix = "copy the IAM user's access key ID (AKIA followed by 16 capital letters or digits)";
  const text = requireText(value instanceof Secret ? value.reveal() : value, field, fix);
  if (ACCESS_KEY_ID.test(text)) return text;
  if (text.trim() !== text) throw inputError(field, 'has spaces around it', 'remove them');
  if (text.startsWith('ASIA')) {
    throw inputError(
      field,
      'is a temporary key ID (ASIA…), which expires with its session',
      'store a long-term IAM user key (AKIA…) instead',
    );
  }
  throw inputError(field, `is not a long-term access key ID (${[...text].length} characters)`, fix);
}

/** A secret access key: 40 characters of A–Z, a–z, 0–9, / and +. */
export function checkSecretAccessKey(value: unknown, field = 'secret access key'): string {
  const fix = 'copy the 40-character secret access key shown when the key was created';
  const text = requireText(value instanceof Secret ? value.reveal() : value, field, fix);
  if (text.trim() !== text) throw inputError(field, 'has spaces around it', 'remove them');
  const length = [...text].length;
  if (length !== SECRET_KEY_LENGTH) {
    throw inputError(field, `is ${length} characters long, not ${SECRET_KEY_LENGTH}`, fix);
  }
  const bad = [...text].findIndex((char) => !SECRET_KEY_CHAR.test(char));
  if (bad !== -1) {
    throw inputError(
      field,
      `has a character at position ${bad + 1} that secret keys never contain`,
      fix,
    );
  }
  return text;
}
