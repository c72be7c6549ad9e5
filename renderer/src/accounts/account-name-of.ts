import type { AccountName } from '../../../shared/account-name';
import type { Snapshot } from '../../../shared/model';

const ARN_ACCOUNT = /^arn:[^:]*:iam::(\d{12}):/;

/** The name the snapshot's roles carry for this account (undefined: none yet). */
export function accountNameOf(snapshot: Snapshot, accountId: string): AccountName | undefined {
  for (const view of snapshot.roles) {
    if (ARN_ACCOUNT.exec(view.role.roleArn)?.[1] === accountId) return view.account;
  }
  return undefined;
}
