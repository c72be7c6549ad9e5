import type { RoleView } from '../../../shared/model';
import { headingKey } from '../accounts/account-heading';

/** A role as the list shows and searches it: the view plus what is derived from it once per snapshot. */
export interface RoleRecord {
  readonly view: RoleView;
  readonly accountId: string;
  readonly roleName: string;
  /** What names its group: the account's alias, else its group, else its account id. */
  readonly groupTitle: string;
  /** The key of the heading it sits under (see accounts/account-heading.ts). */
  readonly groupKey: string;
  /** Lowercased text the search box matches against. */
  readonly haystack: string;
}

// arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME — the catalog has already validated it.
const ROLE_ARN = /^arn:[^:]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function toRoleRecord(view: RoleView): RoleRecord {
  const { role } = view;
  const match = ROLE_ARN.exec(role.roleArn);
  const accountId = match?.[1] ?? '';
  const roleName = match?.[2] ?? role.roleArn;
  const alias = view.account?.alias;
  const haystack = [
    role.label,
    accountId,
    roleName,
    alias ?? '',
    role.group ?? '',
    role.profile,
    ...role.tags,
  ]
    .join('\n')
    .toLowerCase();
  const groupTitle = alias ?? role.group ?? accountId;
  const record = { view, accountId, roleName, groupTitle, groupKey: '', haystack };
  return { ...record, groupKey: headingKey(record) };
}

/** Records for a snapshot's roles, reusing the previous record of every unchanged view. */
export function toRoleRecords(
  views: readonly RoleView[],
  previous: readonly RoleRecord[] = [],
): RoleRecord[] {
  const byView = new Map(previous.map((record) => [record.view, record]));
  return views.map((view) => byView.get(view) ?? toRoleRecord(view));
}
