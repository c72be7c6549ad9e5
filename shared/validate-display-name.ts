import { inputError, rejectHiddenChars, requireText } from './check-text';

const MAX_DISPLAY_NAME = 64;

/**
 * A label shown in the console header and the tray menu. Any printable text,
 * emoji included; surrounding spaces are trimmed off (they never mean
 * anything in a label), while invisible and control characters are refused
 * so two labels that look the same are the same (zero-width joiners stay
 * allowed: emoji like 👩‍💻 and several scripts need them).
 */
export function checkDisplayName(value: unknown, field = 'display name'): string {
  const fix = `enter 1–${MAX_DISPLAY_NAME} characters`;
  const name = requireText(value, field, fix).trim();
  if (name === '') throw inputError(field, 'is empty', fix);
  rejectHiddenChars(name, field, true);
  const length = [...name].length;
  if (length > MAX_DISPLAY_NAME) {
    throw inputError(field, `is ${length} characters long`, `shorten it to ${MAX_DISPLAY_NAME}`);
  }
  return name;
}
