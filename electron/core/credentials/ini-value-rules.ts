import { InputError } from '../../../shared/input-error';

/**
 * Structural rules for what we write into an INI file: anything that would make
 * the SDKs read back something else (a line break, a bracket, an inline-comment
 * marker) is refused before the file is touched. Messages never echo a value,
 * since values are secrets.
 */

export function assertProfileName(name: string): void {
  const problem =
    name === ''
      ? 'is empty'
      : /[\r\n]/.test(name)
        ? 'contains a line break'
        : /[[\]]/.test(name)
          ? 'contains a square bracket'
          : name.trim() !== name
            ? 'starts or ends with a space'
            : /\s[#;]/.test(name)
              ? 'contains a space followed by # or ; (the JS SDK reads that as a comment)'
              : name === '__proto__'
                ? 'is reserved (the JS SDK rejects it)'
                : undefined;
  if (problem) {
    throw new InputError('profile', `profile name ${JSON.stringify(name)} ${problem}`);
  }
}

export function assertKey(key: string): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(key)) {
    throw new InputError('key', `INI key ${JSON.stringify(key)} must use only A-Z, 0-9, _ . -`);
  }
}

export function assertValue(key: string, value: string): void {
  if (value === '' || /\s/.test(value)) {
    // An empty value opens a sub-section in the JS SDK; whitespace could start a comment.
    throw new InputError(
      key,
      `the value for ${key} is empty or contains whitespace; not writing it`,
    );
  }
}
