import { isEmptyQuery, parseSearch, type IsFilter, type SearchQuery } from '../glance/search-query';
import { isLive, needsYou } from '../glance/role-glance';
import type { RoleRecord } from './role-record';

/** The search box's free-text terms: lowercased, split on spaces, filter tokens left out. */
export function queryTerms(query: string): string[] {
  return [...parseSearch(query).terms];
}

function matchesIs(record: RoleRecord, filter: IsFilter): boolean {
  const { view } = record;
  switch (filter) {
    case 'live':
      return isLive(view);
    case 'failed':
      return view.state === 'error';
    case 'mfa':
      return view.state === 'needs-mfa';
    case 'needs':
      return needsYou(view);
    case 'default':
      return view.isDefault;
    default: {
      const never: never = filter;
      return never;
    }
  }
}

/** An account filter matches the start of the account id, the group (alias) or the heading. */
function matchesAccount(record: RoleRecord, prefix: string): boolean {
  return (
    record.accountId.startsWith(prefix) ||
    (record.view.role.group?.toLowerCase().startsWith(prefix) ?? false) ||
    record.groupTitle.toLowerCase().startsWith(prefix)
  );
}

function matchesTag(record: RoleRecord, prefix: string): boolean {
  return record.view.role.tags.some((tag) => tag.toLowerCase().startsWith(prefix));
}

/** Whether one role passes every part of a parsed query. */
export function matchesQuery(record: RoleRecord, query: SearchQuery): boolean {
  return (
    query.is.every((filter) => matchesIs(record, filter)) &&
    query.accounts.every((prefix) => matchesAccount(record, prefix)) &&
    query.tags.every((prefix) => matchesTag(record, prefix)) &&
    query.terms.every((term) => record.haystack.includes(term))
  );
}

/**
 * Roles matching the query: every free-text term anywhere in label, account
 * id, role name, group (alias), profile or tags ("prod adm" finds "Admin" in
 * group "prod"; substring matching, as the peers' users expect), and every
 * filter token (is:live, account:…, tag:…). Order is kept.
 */
export function filterRoles(
  records: readonly RoleRecord[],
  query: string | SearchQuery,
): readonly RoleRecord[] {
  const parsed = typeof query === 'string' ? parseSearch(query) : query;
  if (isEmptyQuery(parsed)) return records;
  return records.filter((record) => matchesQuery(record, parsed));
}
