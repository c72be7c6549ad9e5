import type { RoleView } from '../../../shared/model';

/** A role as the list shows and searches it: the view plus what is derived from it once per snapshot. */
export interface RoleRecord {
  readonly view: RoleView;
  readonly accountId: string;
  readonly roleName: string;
  /** The group heading it sits under: its group (alias) or else its account id. */
  readonly groupTitle: string;
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
  const haystack = [role.label, accountId, roleName, role.group ?? '', role.profile, ...role.tags]
    .join('\n')
    .toLowerCase();
  return { view, accountId, roleName, groupTitle: role.group ?? accountId, haystack };
}

/** Records for a snapshot's roles, reusing the previous record of every unchanged view. */
export function toRoleRecords(
  views: readonly RoleView[],
  previous: readonly RoleRecord[] = [],
): RoleRecord[] {
  const byView = new Map(previous.map((record) => [record.view, record]));
  return views.map((view) => byView.get(view) ?? toRoleRecord(view));
}
