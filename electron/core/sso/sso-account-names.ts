import type { AccountNames } from '../../../shared/account-name';
import { fillAccountAlias } from '../catalog/account-names';
import type { CatalogStore } from '../catalog/catalog-store';
import type { SsoAssignment } from './plan-sso-sync';
import { accountDisplayName } from './sso-role-naming';

/**
 * After a sync: each granted account's Identity Center name becomes its alias
 * where the user has not chosen one (see fillAccountAlias), in one catalog
 * write, none when nothing changes. Returns how many accounts it named.
 * Best effort: the roles are written already, and a name is only a label.
 */
export function fillSsoAccountNames(
  catalog: Pick<CatalogStore, 'changeAccounts'>,
  assignments: readonly SsoAssignment[],
): number {
  try {
    return catalog.changeAccounts((names) => {
      let next: AccountNames = names;
      let named = 0;
      for (const { accountId, accountName } of assignments) {
        // A name the portal leaves empty would only repeat the id.
        if (!/^\d{12}$/.test(accountId) || accountName.trim() === '') continue;
        const filled = fillAccountAlias(
          next,
          accountId,
          accountDisplayName(accountName, accountId),
          'identity-center',
        );
        if (!filled) continue;
        next = filled;
        named += 1;
      }
      return { names: named > 0 ? next : undefined, result: named };
    });
  } catch {
    return 0;
  }
}
