import { checkText, inputError, requireText } from './check-text';
import { quoteValue } from './quote-value';

// Limits from the STS API model (AssumeRoleRequest). moto does not enforce
// them, so the app must, or tests pass values that real AWS rejects.

/** Shortest DurationSeconds AssumeRole accepts (15 minutes). */
export const MIN_DURATION_SECONDS = 900;
/** Longest DurationSeconds AssumeRole accepts (12 hours); the role's own maximum may be lower. */
export const MAX_DURATION_SECONDS = 43_200;

const WORD_CHARS = 'letters, digits and _ + = , . @ -';

export function checkSessionName(value: unknown, field = 'role session name'): string {
  return checkText(value, field, {
    min: 2,
    max: 64,
    allowed: /^[\w+=,.@-]$/,
    allowedText: WORD_CHARS,
  });
}

export function checkExternalId(value: unknown, field = 'external ID'): string {
  return checkText(value, field, {
    min: 2,
    max: 1224,
    allowed: /^[\w+=,.@:/-]$/,
    allowedText: 'letters, digits and _ + = , . @ : / -',
  });
}

export function checkMfaSerial(value: unknown, field = 'MFA serial'): string {
  return checkText(value, field, {
    min: 9,
    max: 256,
    allowed: /^[\w+=/:,.@-]$/,
    allowedText: 'letters, digits and _ + = / : , . @ - (e.g. arn:aws:iam::ACCOUNT:mfa/NAME)',
  });
}

export function checkMfaCode(value: unknown, field = 'MFA code'): string {
  const fix = 'enter the 6 digits your MFA device shows now';
  if (typeof value === 'number') {
    // A number has already lost any leading zero ("012345" → 12345).
    throw inputError(
      field,
      'must be text, not a number',
      `${fix}, as text so leading zeros survive`,
    );
  }
  const code = requireText(value, field, fix);
  if (!/^[0-9]{6}$/.test(code)) {
    // The code itself is not repeated: it is a (short-lived) credential.
    const shape = /^\s|\s$/.test(code) ? 'has spaces around it' : 'is not exactly 6 digits';
    throw inputError(field, shape, `${fix}, without spaces`);
  }
  return code;
}

export function checkSourceIdentity(value: unknown, field = 'source identity'): string {
  if (typeof value === 'string' && /^aws:/i.test(value)) {
    throw inputError(field, 'starts with "aws:", a prefix AWS reserves', 'choose another value');
  }
  return checkText(value, field, {
    min: 2,
    max: 64,
    allowed: /^[\w+=,.@-]$/,
    allowedText: WORD_CHARS,
  });
}

const DURATION_RANGE = `use ${MIN_DURATION_SECONDS}–${MAX_DURATION_SECONDS} seconds (15 minutes to 12 hours), e.g. 3600 for 1 hour`;

/**
 * AssumeRole's DurationSeconds. Takes a number or a string of digits (argv,
 * form fields); units like "1h" are refused rather than guessed at, because a
 * silent misreading would give a session of the wrong length.
 */
export function checkDuration(value: unknown, field = 'duration'): number {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else {
    const text = requireText(value, field, DURATION_RANGE);
    if (!/^-?[0-9]+$/.test(text)) {
      const problem =
        text.trim() === '' ? 'is empty' : `${quoteValue(text)} is not a whole number of seconds`;
      throw inputError(field, problem, DURATION_RANGE);
    }
    seconds = Number(text);
  }
  if (!Number.isInteger(seconds)) {
    throw inputError(field, `${String(seconds)} is not a whole number of seconds`, DURATION_RANGE);
  }
  if (seconds < MIN_DURATION_SECONDS) {
    throw inputError(field, `${seconds} seconds is less than 15 minutes`, DURATION_RANGE);
  }
  if (seconds > MAX_DURATION_SECONDS) {
    throw inputError(field, `${seconds} seconds is more than 12 hours`, DURATION_RANGE);
  }
  return seconds;
}
