import { type Ref } from 'react';

export interface SearchBoxProps {
  readonly inputRef: Ref<HTMLInputElement>;
  readonly autoFocus: boolean;
  readonly query: string;
  /** The listbox's id, while one is shown (no matches: none). */
  readonly listId?: string;
  readonly activeOptionId?: string;
  readonly onQuery: (query: string) => void;
  /** The id of a hint about the query (an unknown filter), read with the field. */
  readonly describedBy?: string;
}

/**
 * The search field, which is also the list's focus owner (combobox +
 * aria-activedescendant); the list's keys are the popup's (use-list-keys.ts).
 */
export function SearchBox({
  inputRef,
  autoFocus,
  query,
  listId,
  activeOptionId,
  onQuery,
  describedBy,
}: SearchBoxProps) {
  return (
    <div className="search-box">
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label="Search roles"
        aria-controls={listId}
        aria-expanded={listId !== undefined}
        aria-autocomplete="list"
        aria-activedescendant={activeOptionId}
        aria-describedby={describedBy}
        placeholder="Search roles, accounts, tags, or is:live"
        spellCheck={false}
        autoComplete="off"
        autoFocus={autoFocus}
        value={query}
        onChange={(event) => onQuery(event.target.value)}
      />
    </div>
  );
}
