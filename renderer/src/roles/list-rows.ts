import type { RoleRecord } from './role-record';

export type ListRow =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly title: string;
      readonly count: number;
      /** The pinned section's heading, not an account's. */
      readonly pinned?: true;
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

/** A role's place in the pinned section (lower first), or undefined: it stays in its group. */
export type PinRank = (record: RoleRecord) => number | undefined;

export const PINNED_TITLE = 'Pinned';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byLabel = (a: RoleRecord, b: RoleRecord) =>
  collator.compare(a.view.role.label, b.view.role.label);

/**
 * The pinned section first (live, failing, waiting and expiring roles, by
 * rank, then label), then the other roles under their group (account alias)
 * or account id, groups and roles in alphabetical order, so a role is always
 * in the same place. A pinned role appears once, not again in its group.
 */
export function buildListModel(
  records: readonly RoleRecord[],
  pinRank: PinRank = () => undefined,
): ListModel {
  const pinned: { record: RoleRecord; rank: number }[] = [];
  const groups = new Map<string, RoleRecord[]>();
  for (const record of records) {
    const rank = pinRank(record);
    if (rank !== undefined) {
      pinned.push({ record, rank });
      continue;
    }
    const members = groups.get(record.groupTitle);
    if (members) members.push(record);
    else groups.set(record.groupTitle, [record]);
  }
  const rows: ListRow[] = [];
  const roleIds: string[] = [];
  const rowIndexOf = new Map<string, number>();
  const addRole = (record: RoleRecord) => {
    const id = record.view.role.id;
    rowIndexOf.set(id, rows.length);
    rows.push({ kind: 'role', key: id, record, position: roleIds.length });
    roleIds.push(id);
  };
  if (pinned.length > 0) {
    pinned.sort((a, b) => a.rank - b.rank || byLabel(a.record, b.record));
    rows.push({
      kind: 'group',
      key: 'pinned',
      title: PINNED_TITLE,
      count: pinned.length,
      pinned: true,
    });
    for (const { record } of pinned) addRole(record);
  }
  const titles = [...groups.keys()].sort(collator.compare);
  for (const title of titles) {
    const members = (groups.get(title) ?? []).sort(byLabel);
    rows.push({ kind: 'group', key: `group:${title}`, title, count: members.length });
    for (const record of members) addRole(record);
  }
  return { rows, roleIds, rowIndexOf };
}
