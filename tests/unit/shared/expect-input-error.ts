import { expect } from 'vitest';

import { InputError } from '../../../shared/input-error';
import { isHiddenChar } from '../../../shared/quote-value';

/**
 * Runs `fn`, expects an InputError for `field`, and checks the message rules
 * every check follows: "<field>: …; …", one line, no raw control characters.
 */
export function expectInputError(fn: () => unknown, field: string, ...fragments: string[]): string {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an InputError').toBeInstanceOf(InputError);
  const error = caught as InputError;
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`${field}: `), error.message).toBe(true);
  expect(error.message, 'has a "; fix" part').toContain('; ');
  const invisible = [...error.message].filter((char) => isHiddenChar(char));
  expect(invisible, 'one line, nothing invisible').toEqual([]);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error.message;
}
