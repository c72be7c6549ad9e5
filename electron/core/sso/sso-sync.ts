import { readFile } from 'node:fs/promises';
import type { RoleEntry } from '../../../shared/model';
import { readConfigProfiles } from '../catalog/config-role-profiles';
import type { CatalogStore } from '../catalog/catalog-store';
import { applySsoSync } from './apply-sso-sync';
import { fillSsoAccountNames } from './sso-account-names';
import { planSsoSync, type SsoSyncPlan } from './plan-sso-sync';
import { listAssignments } from './portal-assignments';
import type { SsoTokenKeeper } from './sso-token-keeper';

export interface SyncOptions {
  readonly keeper: SsoTokenKeeper;
  readonly session: string;
  /** The catalog's roles now (a dry run must not create a catalog file to read them). */
  readonly roles: () => readonly RoleEntry[];
  /** Writes the plan (one catalog write); absent for a dry run. */
  readonly catalog?: CatalogStore;
  readonly now: number;
  readonly ca?: string;
  readonly signal?: AbortSignal;
  /** Profile names new roles must not take besides the catalog's (~/.aws/config's own). */
  readonly takenProfiles?: Iterable<string>;
}

export interface SyncOutcome {
  readonly plan: SsoSyncPlan;
  /** Accounts the session grants (with at least one role or not). */
  readonly assignments: number;
  readonly applied: boolean;
}

/**
 * Discovery: every account and role the session grants, planned against the
 * catalog (added, renamed, no longer granted) and, unless a dry run, written
 * in one catalog write. The token is the engine's: refreshed if needed, and a
 * token that is gone is SsoSignInNeeded before anything is listed.
 */
export async function syncSession(options: SyncOptions): Promise<SyncOutcome> {
  const token = await options.keeper.token(options.session, options.signal);
  const assignments = await listAssignments({
    region: token.region,
    accessToken: token.accessToken,
    session: options.session,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const plan = planSsoSync({
    roles: options.roles(),
    session: options.session,
    assignments,
    now: options.now,
    region: token.region,
    ...(options.takenProfiles ? { takenProfiles: options.takenProfiles } : {}),
  });
  const changes = plan.add.length + plan.update.length + plan.gone.length;
  const write = options.catalog !== undefined && changes > 0;
  if (write) applySsoSync(options.catalog!, plan);
  // Account names are filled even when no role changed (a catalog from before names existed).
  if (options.catalog !== undefined) fillSsoAccountNames(options.catalog, assignments);
  return { plan, assignments: assignments.length, applied: write };
}

/** ~/.aws/config's own profiles: a synced role must not write a profile that config defines. */
export async function configProfileNames(configPath: string): Promise<string[]> {
  try {
    return [...readConfigProfiles(await readFile(configPath, 'utf8')).keys()];
  } catch {
    return [];
  }
}
