import type { RoleRecord } from './role-record';

/** The search box's terms: lowercased, split on spaces; empty means "show all". */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '');
}

/**
 * Roles matching every term of the query anywhere in label, account id, role
 * name, group (alias), profile or tags: "prod adm" finds "Admin" in group
 * "prod". Substring matching, as the peers' users expect (typing part of an
 * account id works); order is kept.
 */
export function filterRoles(records: readonly RoleRecord[], query: string): readonly RoleRecord[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return records;
  return records.filter((record) => terms.every((term) => record.haystack.includes(term)));
}
