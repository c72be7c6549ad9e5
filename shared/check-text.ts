import { InputError } from './input-error';
import { describeChar, findChar, isHiddenChar, quoteValue } from './quote-value';

/** Builds the one-line `<field>: <what is wrong>; <how to fix>` error every check throws. */
export function inputError(field: string, problem: string, fix: string): InputError {
  return new InputError(field, `${field}: ${problem}; ${fix}`);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Narrows an untrusted value (IPC, JSON, argv) to a string or says what it was instead. */
export function requireText(value: unknown, field: string, fix: string): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) throw inputError(field, 'is missing', fix);
  throw inputError(field, `must be text, not ${kindOf(value)}`, fix);
}

/**
 * Rejects characters no field of ours accepts: they break one-line config files
 * and messages, and invisible ones make two different values look the same.
 */
export function rejectHiddenChars(value: string, field: string, allowJoiners = false): void {
  // Zero-width (non-)joiners are part of emoji sequences and some scripts.
  const isJoiner = (char: string) => char === '\u200c' || char === '\u200d';
  const found = findChar(value, (char) => isHiddenChar(char) && !(allowJoiners && isJoiner(char)));
  if (!found) return;
  const fix = found.char === '\n' || found.char === '\r' ? 'put it all on one line' : 'remove it';
  throw inputError(
    field,
    `contains ${describeChar(found.char)} at position ${found.position}`,
    fix,
  );
}

/** Rejects spaces at either end, which are almost always a copy-paste accident. */
export function rejectEdgeWhitespace(value: string, field: string): void {
  const first = [...value][0] ?? '';
  const last = [...value].at(-1) ?? '';
  if (/^\s$/u.test(first)) {
    throw inputError(field, `starts with ${describeChar(first)}`, 'remove it');
  }
  if (/^\s$/u.test(last)) throw inputError(field, `ends with ${describeChar(last)}`, 'remove it');
}

export interface TextRule {
  readonly min: number;
  readonly max: number;
  /** Tests one character. */
  readonly allowed: RegExp;
  /** The allowed characters in words, e.g. "letters, digits and _ + = , . @ -". */
  readonly allowedText: string;
  /** Whether the value may be repeated in messages (false for one-time codes). */
  readonly echo?: boolean;
}

/** The common shape of AWS's string parameters: a length range and a character class. */
export function checkText(value: unknown, field: string, rule: TextRule): string {
  const range = `${rule.min}–${rule.max} characters`;
  const text = requireText(value, field, `enter ${range}`);
  if (text === '') throw inputError(field, 'is empty', `enter ${range}`);
  rejectHiddenChars(text, field);
  rejectEdgeWhitespace(text, field);
  const found = findChar(text, (char) => !rule.allowed.test(char));
  if (found) {
    const subject = rule.echo === false ? '' : `${quoteValue(text)} `;
    throw inputError(
      field,
      `${subject}contains ${describeChar(found.char)} at position ${found.position}`,
      `use only ${rule.allowedText}`,
    );
  }
  const length = [...text].length;
  if (length < rule.min || length > rule.max) {
    throw inputError(
      field,
      `is ${length} character${length === 1 ? '' : 's'} long`,
      `use ${range}`,
    );
  }
  return text;
}
