import { type KeyboardEvent, useRef, useState } from 'react';
import { recordKey } from './shortcut-keys';

/** Command is macOS's CommandOrControl; elsewhere it is Control. */
const MAC = /Mac|iPhone|iPad/.test(navigator.platform);

export interface ShortcutFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Why the value cannot be saved (the shared accelerator check's message). */
  readonly problem?: string;
  /** Whether the saved shortcut is bound (the shell reports it). */
  readonly status?: { readonly text: string; readonly ok: boolean };
}

/**
 * A key recorder: focus it and press the combination; it shows the Electron
 * accelerator (CommandOrControl+Shift+Y). Backspace clears, Escape puts back
 * what was there and stops recording (the popup stays), Tab leaves, Space
 * records again.
 */
export function ShortcutField({ value, onChange, problem, status }: ShortcutFieldProps) {
  const [recording, setRecording] = useState(false);
  const [held, setHeld] = useState<string>();
  const [refused, setRefused] = useState<string>();
  const before = useRef(value);

  const start = () => {
    before.current = value;
    setRecording(true);
    setHeld(undefined);
    setRefused(undefined);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return;
    if (!recording) {
      if (event.key === ' ' && plain) {
        event.preventDefault();
        start();
      }
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    setRefused(undefined);
    if (plain && event.key === 'Escape') {
      onChange(before.current);
      setRecording(false);
      setHeld(undefined);
      return;
    }
    if (plain && (event.key === 'Backspace' || event.key === 'Delete')) {
      onChange('');
      setHeld(undefined);
      return;
    }
    const recorded = recordKey(event, MAC);
    if (recorded.kind === 'partial') return setHeld(recorded.text);
    setHeld(undefined);
    if (recorded.kind === 'unsupported') {
      setRefused(`${recorded.key} can’t be part of a shortcut; try a letter, digit or F-key`);
      return;
    }
    onChange(recorded.accelerator);
    setRecording(false);
  };

  const shown = problem ?? refused;
  return (
    <div className={shown ? 'form-field has-problem' : 'form-field'}>
      <label htmlFor="settings-shortcut">Open shortcut</label>
      <input
        id="settings-shortcut"
        type="text"
        readOnly
        spellCheck={false}
        autoComplete="off"
        className={recording ? 'shortcut-recorder recording' : 'shortcut-recorder'}
        value={recording && held !== undefined ? held : value}
        placeholder={recording ? 'Press the keys…' : 'None'}
        aria-invalid={shown !== undefined}
        aria-describedby="settings-shortcut-note settings-shortcut-status"
        onFocus={start}
        onClick={() => !recording && start()}
        onBlur={() => {
          setRecording(false);
          setHeld(undefined);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (!event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
            setHeld(undefined);
          }
        }}
      />
      <div
        id="settings-shortcut-note"
        className={shown ? 'field-problem' : 'field-hint'}
        data-testid="shortcut-note"
      >
        {shown ??
          (recording
            ? 'Press the combination. Backspace clears, Escape cancels.'
            : 'Focus and press the keys, e.g. Ctrl+Shift+Y.')}
      </div>
      <div
        id="settings-shortcut-status"
        className={status?.ok === false ? 'shortcut-status failed' : 'shortcut-status'}
        data-testid="shortcut-status"
        aria-live="polite"
      >
        {status?.text ?? ''}
      </div>
    </div>
  );
}
