import { inputError, requireText } from '../../../shared/check-text';
import { quoteValue } from '../../../shared/quote-value';

/** Also the file name of the subscription's copies, so no dots, slashes or capitals. */
export const SUBSCRIPTION_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
const NAME = new RegExp(SUBSCRIPTION_NAME_PATTERN);

export function checkSubscriptionName(value: unknown, field = 'subscription'): string {
  const fix = 'use 1–64 lowercase letters, digits, _ or -, starting with a letter or digit';
  const name = requireText(value, field, fix);
  if (!NAME.test(name)) {
    throw inputError(
      field,
      name === '' ? 'is empty' : `${quoteValue(name)} is not a valid subscription name`,
      fix,
    );
  }
  return name;
}
