import { FormField } from './form-field';
import type { ReactNode } from 'react';

export interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly problem?: string;
  readonly hint?: ReactNode;
  readonly placeholder?: string;
  readonly autoFocus?: boolean;
  readonly inputMode?: 'text' | 'numeric';
  /** Shown and selectable, not editable (a team catalog's field). */
  readonly readOnly?: boolean;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, problem, hint, placeholder, autoFocus, inputMode, onChange, onBlur } =
    props;
  const { readOnly } = props;
  return (
    <FormField id={id} label={label} problem={problem} hint={hint}>
      {(describedBy) => (
        <input
          id={id}
          type="text"
          value={value}
          placeholder={placeholder}
          autoFocus={autoFocus}
          inputMode={inputMode}
          readOnly={readOnly}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
    </FormField>
  );
}
