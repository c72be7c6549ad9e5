import { inputError, rejectEdgeWhitespace, rejectHiddenChars, requireText } from './check-text';
import { describeChar, findChar, quoteValue } from './quote-value';

const MAX_PROFILE_NAME = 128;

// The characters every reader of ~/.aws/config keeps intact:
// - the JS SDK v3 (parseIni.ts) only recognizes `[profile NAME]` when NAME
//   matches [\w\-@+.%:/]+ and silently drops the section otherwise;
// - botocore shlex-splits `profile NAME`, so spaces, quotes and backslashes
//   lose the profile too.
const SAFE_CHAR = /^[\w@+.%:/-]$/;

const SAFE_TEXT = 'letters, digits and _ - . @ + % : /';

/** Why a character breaks a profile, for the ones people actually try. */
function reasonFor(char: string): string {
  switch (char) {
    case '[':
    case ']':
      return 'which breaks the [section] header in ~/.aws files';
    case '=':
      return 'which INI readers take as a key = value line';
    case '#':
    case ';':
      return 'which starts a comment in ~/.aws files';
    case '"':
    case "'":
    case '\\':
    case ' ':
      return 'which the AWS CLI (botocore) mangles when it splits [profile …] headers';
    default:
      return 'which the AWS SDK for JavaScript does not accept in [profile …] headers';
  }
}

/**
 * A profile name we will write to ~/.aws/config and ~/.aws/credentials. Names
 * outside the safe set would be written fine but silently ignored by one SDK
 * or another, which surfaces much later as "profile not found".
 */
export function checkProfileName(value: unknown, field = 'profile name'): string {
  const fix = `use ${SAFE_TEXT}`;
  const name = requireText(value, field, fix);
  if (name === '') throw inputError(field, 'is empty', `enter a name; ${fix}`);
  rejectHiddenChars(name, field);
  rejectEdgeWhitespace(name, field);
  const length = [...name].length;
  if (length > MAX_PROFILE_NAME) {
    throw inputError(field, `is ${length} characters long`, `use at most ${MAX_PROFILE_NAME}`);
  }
  const bad = findChar(name, (char) => !SAFE_CHAR.test(char));
  if (bad) {
    throw inputError(
      field,
      `${quoteValue(name)} contains ${describeChar(bad.char)} at position ${bad.position}, ${reasonFor(bad.char)}`,
      fix,
    );
  }
  if (name === '__proto__') {
    // The JS SDK refuses to load any file containing this section at all.
    throw inputError(
      field,
      '"__proto__" makes the AWS SDK for JavaScript reject the whole file',
      'choose another name',
    );
  }
  return name;
}
