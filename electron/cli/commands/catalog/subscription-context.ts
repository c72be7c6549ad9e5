import type { SessionManager } from '../../../core/session/session-manager';
import { catalogDir } from '../../../core/catalog/catalog-paths';
import type { CatalogStore } from '../../../core/catalog/catalog-store';
import type { SubscriptionDeps } from '../../../core/subscriptions/sync-subscription';
import { withCatalog } from '../roles/catalog-access';
import { openCliEngine } from '../sessions/engine';

export type CliSubscriptionDeps = SubscriptionDeps & { readonly catalog: CatalogStore };

/** The subscription deps for this run: the catalog store, the config folder, the clock. */
export function withSubscriptionDeps<T>(use: (deps: CliSubscriptionDeps) => T): T {
  return withCatalog((catalog) =>
    use({ catalog, configDir: catalogDir(process.env), now: () => Date.now(), env: process.env }),
  );
}

/** Roles with a session (any state but inactive): their profile may be in the credentials file. */
export function activeRoleIds(engine: SessionManager): Set<string> {
  return new Set(
    engine
      .snapshot()
      .roles.filter((view) => view.state !== 'inactive')
      .map((view) => view.role.id),
  );
}

/**
 * Runs `use` with the session engine open, so the changes it makes to the
 * catalog go through the engine's catalog path: a removed role's profile is
 * removed, a renamed one moved (by this process when no refresher runs, else
 * by the refresher that watches the catalog).
 */
export async function withEngine<T>(use: (engine: SessionManager) => Promise<T>): Promise<T> {
  const engine = await openCliEngine();
  try {
    return await use(engine);
  } finally {
    await engine.stop();
  }
}
