import { InputError } from './input-error';

export { checkColor } from './console-colors';
export { checkDisplayName } from './validate-display-name';
export { checkProfileName } from './validate-profile-name';
export { checkRegion } from './validate-region';
export { checkSsoRegion, checkSsoSessionName, checkStartUrl } from './validate-sso';
export {
  checkDuration,
  checkExternalId,
  checkMfaCode,
  checkMfaSerial,
  checkSessionName,
  checkSourceIdentity,
} from './validate-sts';

/** Any of the `checkX` functions. */
export type Check = (value: unknown, field?: string) => unknown;

/**
 * The message `check` would throw for `value`, or undefined when it is fine:
 * for showing a problem under a form field as the user types. Errors that are
 * not InputErrors are bugs, so they still throw.
 */
export function problemWith(check: Check, value: unknown, field?: string): string | undefined {
  try {
    check(value, field);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}
