import { inspect } from 'node:util';
import { expect } from 'vitest';

import { expectInputError } from '../shared/expect-input-error';

// AWS's documented example keys: shaped like real ones, valid nowhere.
export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLETOKEN//////////wEaDEXAMPLE';

/** Asserts none of the given secret strings appears in anything printable about `value`. */
export function expectNoSecretIn(value: unknown, ...secrets: string[]): void {
  const texts = [
    String(value),
    inspect(value, { depth: 10 }),
    JSON.stringify(value) ?? '',
    value instanceof Error ? `${value.message} ${value.stack ?? ''}` : '',
  ];
  for (const secret of secrets) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

/** expectInputError for a promise that should reject with an InputError. */
export async function expectRejectedInput(
  promise: Promise<unknown>,
  field: string,
  ...fragments: string[]
): Promise<string> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  return expectInputError(
    () => {
      if (caught !== undefined) throw caught;
    },
    field,
    ...fragments,
  );
}
