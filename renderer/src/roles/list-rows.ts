import { headingOf } from '../accounts/account-heading';
import type { RoleRecord } from './role-record';

export type ListRow =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly title: string;
      readonly count: number;
      /** The pinned section's heading, not an account's. */
      readonly pinned?: true;
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
      /** In the pinned section: no account heading above it names its account. */
      readonly pinned?: true;
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
 * rank, then label), then the other roles under their account (its alias,
 * else its id) or, for accounts without an alias, their role group; groups
 * and roles in alphabetical order, so a role is always in the same place. A
 * pinned role appears once, not again in its group.
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
    const members = groups.get(record.groupKey);
    if (members) members.push(record);
    else groups.set(record.groupKey, [record]);
  }
  const rows: ListRow[] = [];
  const roleIds: string[] = [];
  const rowIndexOf = new Map<string, number>();
  const addRole = (record: RoleRecord, pinned = false) => {
    const id = record.view.role.id;
    rowIndexOf.set(id, rows.length);
    const position = roleIds.length;
    rows.push({ kind: 'role', key: id, record, position, ...(pinned ? { pinned } : {}) });
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
    for (const { record } of pinned) addRole(record, true);
  }
  const headings = [...groups.values()].map((members) => ({
    members,
    heading: headingOf(members[0]!, members.length),
  }));
  headings.sort((a, b) => collator.compare(a.heading.name, b.heading.name));
  for (const { members, heading } of headings) {
    members.sort(byLabel);
    const { key, title, name, accountId, color } = heading;
    rows.push({ kind: 'group', key, title, name, count: members.length, accountId, color });
    for (const record of members) addRole(record);
  }
  return { rows, roleIds, rowIndexOf };
}
