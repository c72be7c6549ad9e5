import { inputError, requireText } from './check-text';
import { quoteValue } from './quote-value';

export type ConsoleColorName = 'red' | 'orange' | 'yellow' | 'green' | 'blue';

/**
 * The switch-role `color` values the console showed in 2024. The parameter is
 * undocumented and the console leaves the bar blank for other values; the
 * palette has changed before, so names are resolved here in one place.
 */
export const CONSOLE_COLORS: Readonly<Record<ConsoleColorName, string>> = {
  red: 'f2b0a9',
  orange: 'fbc8aa',
  yellow: 'efda95',
  green: 'b7ca9d',
  blue: '83d4e8',
};

function isColorName(value: string): value is ConsoleColorName {
  return Object.hasOwn(CONSOLE_COLORS, value);
}

/** True when the console is known to render this (normalized) color. */
export function isConsolePaletteColor(hex: string): boolean {
  return Object.values(CONSOLE_COLORS).includes(hex);
}

const FIX = 'use six hex digits such as f2b0a9, or red, orange, yellow, green or blue';

/** Returns a color as six lowercase hex digits without "#", the form the console URL takes. */
export function checkColor(value: unknown, field = 'color'): string {
  const text = requireText(value, field, FIX);
  if (text === '') throw inputError(field, 'is empty', FIX);
  const lower = text.toLowerCase();
  if (isColorName(lower)) return CONSOLE_COLORS[lower];
  const hex = /^#?([0-9a-f]{6})$/.exec(lower)?.[1];
  if (hex !== undefined) return hex;
  const problem = /^#?[0-9a-f]{3}$/.test(lower)
    ? `${quoteValue(text)} is the short form`
    : `${quoteValue(text)} is not a color`;
  throw inputError(field, problem, FIX);
}
