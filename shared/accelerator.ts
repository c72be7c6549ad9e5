import { inputError } from './check-text';
import { quoteValue } from './quote-value';

/**
 * Electron's accelerator grammar (docs: api/accelerator): modifiers, then one
 * key code, joined by "+", case-insensitive. Checked here, where both the
 * settings view and the engine can use it, so a shortcut Electron would
 * refuse is refused when it is saved, not silently left unbound.
 */

/** Each modifier spelling → the keys it stands for (CommandOrControl overlaps both). */
const MODIFIERS: Readonly<Record<string, readonly string[]>> = {
  command: ['command'],
  cmd: ['command'],
  control: ['control'],
  ctrl: ['control'],
  commandorcontrol: ['command', 'control'],
  cmdorctrl: ['command', 'control'],
  alt: ['alt'],
  option: ['alt'],
  altgr: ['altgr'],
  shift: ['shift'],
  super: ['super'],
  meta: ['super'],
};

const NAMED_KEYS = [
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"']);

/** Keys that are fine alone as a global shortcut: they type nothing. */
const STANDALONE = /^(f([1-9]|1[0-9]|2[0-4])|volume\w+|media\w+|printscreen)$/;

export function isAcceleratorKey(token: string): boolean {
  const key = token.toLowerCase();
  return (
    /^[a-z0-9]$/.test(key) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    NAMED_KEYS.includes(key) ||
    PUNCTUATION.has(key)
  );
}

export function isAcceleratorModifier(token: string): boolean {
  return Object.hasOwn(MODIFIERS, token.toLowerCase());
}

const FIX = 'press modifiers and one key, e.g. CommandOrControl+Shift+Y';

/**
 * Checks `value` as Electron parses an accelerator, and that it makes a
 * usable global shortcut; returns it trimmed. Throws InputError naming the
 * part that is wrong (`Ctrl+Y+Y`: two keys).
 */
export function checkAccelerator(value: string, field = 'shortcut'): string {
  const text = value.trim();
  if (text === '') throw inputError(field, 'is empty', FIX);
  const tokens = text.split('+');
  if (tokens.some((token) => token.trim() === '')) {
    throw inputError(
      field,
      `${quoteValue(text)} has an empty part`,
      `write the + key as Plus; ${FIX}`,
    );
  }
  const keys = tokens.filter((token) => !isAcceleratorModifier(token));
  const unknown = keys.find((token) => !isAcceleratorKey(token));
  if (unknown !== undefined) {
    throw inputError(field, `${quoteValue(unknown)} is not a key Electron knows`, FIX);
  }
  if (keys.length === 0)
    throw inputError(field, `${quoteValue(text)} has no key, only modifiers`, FIX);
  if (keys.length > 1) {
    throw inputError(
      field,
      `${quoteValue(text)} has ${keys.length} keys (${keys.join(', ')}); a shortcut has one`,
      FIX,
    );
  }
  const key = keys[0] as string;
  if (tokens[tokens.length - 1] !== key) {
    throw inputError(field, `${quoteValue(text)} puts the key ${key} before a modifier`, FIX);
  }
  const seen = new Set<string>();
  for (const token of tokens.slice(0, -1)) {
    for (const modifier of MODIFIERS[token.toLowerCase()] ?? []) {
      if (seen.has(modifier)) {
        throw inputError(field, `${quoteValue(text)} names the ${modifier} modifier twice`, FIX);
      }
      seen.add(modifier);
    }
  }
  const onlyShift = seen.size === 0 || (seen.size === 1 && seen.has('shift'));
  if (onlyShift && !STANDALONE.test(key.toLowerCase())) {
    throw inputError(
      field,
      `${quoteValue(text)} would take that key from every app`,
      'add Control, Alt, Command or Super, e.g. CommandOrControl+Shift+Y',
    );
  }
  return text;
}
