import { headingOf } from '../accounts/account-heading';
import type { RoleRecord } from './role-record';

export type ListRow =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly title: string;
      readonly count: number;
      /** The account the heading names (its roles then show only their profile). */
      readonly accountId?: string;
      /** The heading without its role count ("acme-prod · 1111-2222-3333"). */
      readonly name?: string;
      readonly color?: string;
    }
  | {
      readonly kind: 'role';
      readonly key: string;
      readonly record: RoleRecord;
      /** Position among the role rows (the listbox's options), from 0. */
      readonly position: number;
    };

export interface ListModel {
  /** Group headings and roles, flattened for the virtualised list. */
  readonly rows: readonly ListRow[];
  /** Role ids in display order: what the arrow keys walk through. */
  readonly roleIds: readonly string[];
  /** Role id → index in `rows`, for scrolling to the active one. */
  readonly rowIndexOf: ReadonlyMap<string, number>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Groups roles under their account (its alias, else its id) or, for accounts
 * without an alias, their role group; groups and roles in alphabetical order,
 * so a role is always in the same place.
 */
export function buildListModel(records: readonly RoleRecord[]): ListModel {
  const groups = new Map<string, RoleRecord[]>();
  for (const record of records) {
    const members = groups.get(record.groupKey);
    if (members) members.push(record);
    else groups.set(record.groupKey, [record]);
  }
  const headings = [...groups.values()].map((members) => ({
    members,
    heading: headingOf(members[0]!, members.length),
  }));
  headings.sort((a, b) => collator.compare(a.heading.name, b.heading.name));
  const rows: ListRow[] = [];
  const roleIds: string[] = [];
  const rowIndexOf = new Map<string, number>();
  for (const { members, heading } of headings) {
    members.sort((a, b) => collator.compare(a.view.role.label, b.view.role.label));
    const { key, title, name, accountId, color } = heading;
    rows.push({ kind: 'group', key, title, name, count: members.length, accountId, color });
    for (const record of members) {
      const id = record.view.role.id;
      rowIndexOf.set(id, rows.length);
      rows.push({ kind: 'role', key: id, record, position: roleIds.length });
      roleIds.push(id);
    }
  }
  return { rows, roleIds, rowIndexOf };
}
