/** One value a field suggests, with what it is (shown beside it in the drop-down). */
export interface Suggestion {
  readonly value: string;
  readonly note?: string;
}

/**
 * The values an input suggests, as a native <datalist>: the input becomes a
 * combobox that the keyboard opens (Down arrow) and filters as one types,
 * and any other value can still be typed.
 */
export function SuggestionList({ id, items }: { id: string; items: readonly Suggestion[] }) {
  return (
    <datalist id={id}>
      {items.map((item) => (
        <option key={item.value} value={item.value} label={item.note} />
      ))}
    </datalist>
  );
}
