import type { RoleRecord } from './role-record';

export type ListRow =
  | { readonly kind: 'group'; readonly key: string; readonly title: string; readonly count: number }
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
 * Groups roles under their group (account alias) or account id, groups and
 * roles in alphabetical order, so a role is always in the same place.
 */
export function buildListModel(records: readonly RoleRecord[]): ListModel {
  const groups = new Map<string, RoleRecord[]>();
  for (const record of records) {
    const members = groups.get(record.groupTitle);
    if (members) members.push(record);
    else groups.set(record.groupTitle, [record]);
  }
  const titles = [...groups.keys()].sort(collator.compare);
  const rows: ListRow[] = [];
  const roleIds: string[] = [];
  const rowIndexOf = new Map<string, number>();
  for (const title of titles) {
    const members = (groups.get(title) ?? []).sort((a, b) =>
      collator.compare(a.view.role.label, b.view.role.label),
    );
    rows.push({ kind: 'group', key: `group:${title}`, title, count: members.length });
    for (const record of members) {
      const id = record.view.role.id;
      rowIndexOf.set(id, rows.length);
      rows.push({ kind: 'role', key: id, record, position: roleIds.length });
      roleIds.push(id);
    }
  }
  return { rows, roleIds, rowIndexOf };
}
