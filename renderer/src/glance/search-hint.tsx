export const SEARCH_HINT_ID = 'search-hint';

/** One line under the search box when a word looks like a filter but is none (never ignored silently). */
export function SearchHint({ text }: { text: string }) {
  return (
    <p id={SEARCH_HINT_ID} className="search-hint" aria-live="polite">
      {text}
    </p>
  );
}
