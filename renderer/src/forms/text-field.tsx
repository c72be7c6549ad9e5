import { FormField } from './form-field';
import type { ReactNode } from 'react';
import { type Suggestion, SuggestionList } from './suggestion-list';

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
  /** Values offered in a drop-down (any other can still be typed). */
  readonly suggestions?: readonly Suggestion[];
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, problem, hint, placeholder, autoFocus, inputMode, onChange, onBlur } =
    props;
  const { readOnly, suggestions } = props;
  const listId = suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined;
  return (
    <FormField id={id} label={label} problem={problem} hint={hint}>
      {(describedBy) => (
        <>
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
            list={listId}
          />
          {listId && <SuggestionList id={listId} items={suggestions ?? []} />}
        </>
      )}
    </FormField>
  );
}
