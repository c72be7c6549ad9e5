import { isDeepStrictEqual } from 'node:util';
import { inputError } from '../../../shared/check-text';
import type { RoleEntry } from '../../../shared/model';
import type { CatalogStore } from '../catalog/catalog-store';
import { planSsoSync, type SsoSyncInput, type SsoSyncPlan } from './plan-sso-sync';

/** The roles a plan writes: new ones, then the changed ones. */
function planned(plan: SsoSyncPlan): RoleEntry[] {
  return [...plan.add, ...plan.update.map((c) => c.after), ...plan.gone.map((c) => c.after)];
}

/**
 * Writes a sync plan into the catalog as one checked change and one write
 * (nothing when the plan changes nothing). A plan made from an older read of
 * the catalog (a dry run shown, then the user edited a role) is refused, with
 * nothing written, rather than undo that edit: every role it changes must
 * still be as planned, and none it adds may exist yet.
 */
export function applySsoSync(store: CatalogStore, plan: SsoSyncPlan): SsoSyncPlan {
  const roles = planned(plan);
  if (roles.length === 0) return plan;
  const current = new Map(store.list().map((role) => [role.id, role]));
  const stale =
    plan.add.some((role) => current.has(role.id)) ||
    [...plan.update, ...plan.gone].some(
      ({ before }) => !isDeepStrictEqual(current.get(before.id), before),
    );
  if (stale) {
    throw inputError(
      'catalog',
      `changed since the sync of ${plan.session} was planned; nothing was written`,
      'sync again',
    );
  }
  store.upsertMany(roles);
  return plan;
}

/**
 * Plans a session's sync against the catalog as it is now and applies it at
 * once (one read, one write, nothing in between): what `sso sync` does once
 * the portal has answered.
 */
export function syncSsoRoles(store: CatalogStore, input: Omit<SsoSyncInput, 'roles'>): SsoSyncPlan {
  return applySsoSync(store, planSsoSync({ ...input, roles: store.list() }));
}
