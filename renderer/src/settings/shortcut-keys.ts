/** What the recorder needs of a keydown event. */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

export type Recorded =
  /** Only modifiers so far: shown while held, not saved. */
  | { readonly kind: 'partial'; readonly text: string }
  | { readonly kind: 'done'; readonly accelerator: string }
  /** A key Electron cannot bind (e.g. the apostrophe). */
  | { readonly kind: 'unsupported'; readonly key: string };

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super']);

/** Physical keys (KeyboardEvent.code) → Electron key codes; layout-independent, as Electron's are. */
const CODE_KEYS: Readonly<Record<string, string>> = {
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Return',
  NumpadEnter: 'Return',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Escape: 'Escape',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  PrintScreen: 'PrintScreen',
  CapsLock: 'Capslock',
  NumLock: 'Numlock',
  ScrollLock: 'Scrolllock',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  MediaPlayPause: 'MediaPlayPause',
};

function keyOf(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1];
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1];
  const numpad = /^Numpad([0-9])$/.exec(code);
  if (numpad) return `num${numpad[1]}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return CODE_KEYS[code];
}

/**
 * The modifiers held, in the order Electron's docs write them. Control is
 * CommandOrControl off macOS, and Command is on macOS, so one setting means
 * the same keys on every platform.
 */
function modifiersOf(press: KeyPress, mac: boolean): string[] {
  const parts: string[] = [];
  if (mac ? press.metaKey : press.ctrlKey) parts.push('CommandOrControl');
  if (mac && press.ctrlKey) parts.push('Control');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  if (!mac && press.metaKey) parts.push('Super');
  return parts;
}

/** A keydown in the shortcut recorder as an Electron accelerator (or how far it got). */
export function recordKey(press: KeyPress, mac: boolean): Recorded {
  const modifiers = modifiersOf(press, mac);
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'partial', text: [...modifiers, ''].join('+') };
  const key = keyOf(press.code);
  if (key === undefined) return { kind: 'unsupported', key: press.key };
  return { kind: 'done', accelerator: [...modifiers, key].join('+') };
}
