import type { AccountName } from '../../../shared/account-name';

/** What "Name automatically" does, said where it is offered. */
const HAND_BACK = 'Name automatically lets Identity Center, IAM or a team catalog fill it.';

/**
 * The alias's state, under the field: filled in automatically (and from
 * where), the user's own, cleared by the user, or none yet.
 */
export function aliasHint(account: AccountName | undefined): string {
  switch (account?.aliasFrom) {
    case 'identity-center':
      return 'Filled in from Identity Center; yours once saved.';
    case 'iam':
      return 'Filled in from the account’s IAM alias; yours once saved.';
    case 'subscription':
      return `From team catalog ${account.subscription ?? ''}; yours once saved.`;
    case 'user':
      return account.alias === undefined
        ? `Cleared: no automatic name fills it. ${HAND_BACK}`
        : `Yours: no automatic name replaces it. ${HAND_BACK}`;
    default:
      return account?.alias === undefined
        ? 'None yet: Identity Center, IAM or a team catalog may fill it.'
        : 'Shown in the heading of this account’s roles.';
  }
}

/** The user chose this alias, or chose none: automatic naming is off until handed back. */
export function aliasIsUsers(account: AccountName | undefined): boolean {
  return account?.aliasFrom === 'user';
}
