/**
 * The search box's language: free text plus filter tokens, all ANDed.
 *   is:live | is:failed | is:mfa | is:needs | is:default
 *   account:<account id or alias prefix>   tag:<tag prefix>
 * Pure and parsed once per keystroke; matching a role is then a few compares.
 */

export const IS_FILTERS = ['live', 'failed', 'mfa', 'needs', 'default'] as const;
export type IsFilter = (typeof IS_FILTERS)[number];

export interface SearchQuery {
  /** Lowercased free-text terms: each must be found somewhere in the role's text. */
  readonly terms: readonly string[];
  readonly is: readonly IsFilter[];
  /** Lowercased prefixes of an account id or alias. */
  readonly accounts: readonly string[];
  /** Lowercased prefixes of a tag. */
  readonly tags: readonly string[];
  /** `is:` words that are no filter, as typed (lowercased): shown as a hint, never applied silently. */
  readonly unknown: readonly string[];
}

export const EMPTY_QUERY: SearchQuery = { terms: [], is: [], accounts: [], tags: [], unknown: [] };

const isFilter = (word: string): word is IsFilter =>
  (IS_FILTERS as readonly string[]).includes(word);

/**
 * Splits the query on whitespace. `is:`, `account:` and `tag:` (any case) are
 * filters; any other word, colons included (an ARN, `arn:aws`), is free text.
 * A filter with nothing after the colon yet (`tag:` while typing) filters
 * nothing.
 */
export function parseSearch(query: string): SearchQuery {
  const words = query.toLowerCase().split(/\s+/);
  const terms: string[] = [];
  const is: IsFilter[] = [];
  const accounts: string[] = [];
  const tags: string[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    if (word === '') continue;
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon) : '';
    const value = word.slice(colon + 1);
    if (key === 'is') {
      if (value === '') continue;
      if (isFilter(value)) {
        if (!is.includes(value)) is.push(value);
      } else unknown.push(word);
    } else if (key === 'account') {
      if (value !== '') accounts.push(value);
    } else if (key === 'tag') {
      if (value !== '') tags.push(value);
    } else terms.push(word);
  }
  return { terms, is, accounts, tags, unknown };
}

/** True when the query filters nothing (all roles shown, in order). */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.terms.length === 0 &&
    query.is.length === 0 &&
    query.accounts.length === 0 &&
    query.tags.length === 0
  );
}

/** The one-line hint under the search box for words that look like filters but are none. */
export function searchHint(query: SearchQuery): string | undefined {
  if (query.unknown.length === 0) return undefined;
  const known = IS_FILTERS.map((name) => `is:${name}`).join(', ');
  return `${query.unknown.join(', ')} is not a filter: use ${known}, account:… or tag:…`;
}

/** The query with `token` added (at the end), or removed if it is there: what a status-line button does. */
export function toggleToken(query: string, token: string): string {
  const words = query.split(/\s+/).filter((word) => word !== '');
  const lower = token.toLowerCase();
  const kept = words.filter((word) => word.toLowerCase() !== lower);
  return (kept.length === words.length ? [...kept, token] : kept).join(' ');
}

/** Whether the query has `token` as one of its words (any case). */
export function hasToken(query: string, token: string): boolean {
  const lower = token.toLowerCase();
  return query.split(/\s+/).some((word) => word.toLowerCase() === lower);
}
