import { groupedAccountId } from '../../../shared/account-name';
import type { RoleRecord } from '../roles/role-record';

/** What a group heading says, and which account it names (for its Rename button). */
export interface Heading {
  /** Keys the group: the account, or a role group (`group` field) for accounts without an alias. */
  readonly key: string;
  readonly title: string;
  /** The title without the role count: what headings are sorted by. */
  readonly name: string;
  /** Set when the heading stands for one account, so its roles need not repeat it. */
  readonly accountId?: string;
  readonly color?: string;
}

/**
 * Where a role is listed: under its account when the account has an alias
 * (or the role has no group), else under the role's own group, as before
 * account names existed. The account alias wins over a role's group.
 */
export function headingKey(record: RoleRecord): string {
  const { view, accountId } = record;
  if (view.account?.alias !== undefined || view.role.group === undefined)
    return `account:${accountId}`;
  return `group:${view.role.group}`;
}

function rolesText(count: number): string {
  return count === 1 ? '1 role' : `${count} roles`;
}

/** "acme-prod · 1111-2222-3333 · 3 roles"; "1111-2222-3333 · 3 roles" without an alias. */
export function headingOf(first: RoleRecord, count: number): Heading {
  const key = headingKey(first);
  const { view, accountId } = first;
  if (key.startsWith('group:')) {
    const name = view.role.group ?? '';
    return { key, name, title: `${name} · ${rolesText(count)}` };
  }
  const alias = view.account?.alias;
  const id = groupedAccountId(accountId);
  const name = alias === undefined ? id : `${alias} · ${id}`;
  return {
    key,
    name,
    title: `${name} · ${rolesText(count)}`,
    accountId,
    ...(view.account?.color !== undefined ? { color: view.account.color } : {}),
  };
}
