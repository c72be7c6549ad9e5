import type { RoleEntry } from '../../../shared/model';
import type { CatalogStore } from '../catalog/catalog-store';
import { removeSession } from '../refresh/state-changes';
import { assumeShape, planCatalogReconcile } from './catalog-reconcile';
import type { EngineParts } from './engine-strategy';
import { readProfileSession } from './role-sources';
import { failureView, oneLine } from './session-failure';

/** The catalog as one round sees it: read once, so a change mid-round waits for the next one. */
export type RoundCatalog = Pick<CatalogStore, 'list' | 'find' | 'defaultRoleId'>;

/**
 * Keeps the credentials file in step with the catalog, whoever changed it (the
 * tray, the CLI, an import, a hand edit): a removed role's profile goes, a
 * renamed profile moves (the live session goes to the new name in the same
 * write), a role that now names another identity is assumed again. It runs at
 * the start of every round of the local engine, so a round never writes a
 * profile the catalog no longer names; a catalog change is an empty round.
 */
export class CatalogSync {
  readonly #parts: EngineParts;
  /** assumeShape of each active role when its session was last assumed. */
  readonly #shapes = new Map<string, string>();
  #defaultId: string | undefined;

  constructor(parts: EngineParts) {
    this.#parts = parts;
  }

  /** At start: the recovered sessions were assumed as the catalog is now. */
  baseline(): void {
    const { deps, sessions } = this.#parts;
    this.assumed(sessions.ids(), deps.catalog.list());
    this.#defaultId = deps.catalog.defaultRoleId();
  }

  /** A round is about to assume these roles as `roles` describes them. */
  assumed(roleIds: readonly string[], roles: readonly RoleEntry[]): void {
    const byId = new Map(roles.map((r) => [r.id, r]));
    for (const id of roleIds) {
      const role = byId.get(id);
      if (role) this.#shapes.set(id, assumeShape(role));
    }
  }

  /** [default] now follows this role (setDefault wrote or removed it). */
  defaultIs(roleId: string | undefined): void {
    this.#defaultId = roleId;
  }

  /** Brings the sessions and the credentials file in line with the catalog now; returns that catalog and the roles to assume again. */
  async reconcile(): Promise<{ catalog: RoundCatalog; renew: readonly string[] }> {
    const { deps, sessions, publisher } = this.#parts;
    const list = deps.catalog.list();
    const defaultId = deps.catalog.defaultRoleId();
    const roles = new Map(list.map((r) => [r.id, r]));
    const catalog: RoundCatalog = {
      list: () => list,
      find: (id) => roles.get(id),
      defaultRoleId: () => defaultId,
    };
    await this.#holdMovedSessions(roles);
    const now = deps.clock.now();
    const plan = planCatalogReconcile({
      sessions: sessions.entries(),
      roles,
      shapes: this.#shapes,
      previousDefault: this.#defaultId,
      now,
    });
    if (plan.changes.length === 0 && plan.dropped.length === 0 && plan.moved.length === 0) {
      this.#defaultId = defaultId;
      return { catalog, renew: plan.renew };
    }
    let rejected = new Map<string, string>();
    try {
      const result = await deps.credentials.apply(plan.changes);
      rejected = new Map(result.rejected.map((r) => [r.profile, r.reason]));
    } catch (error) {
      // Nothing changed: the next round (or catalog change) tries again.
      publisher.tell({
        kind: 'failed',
        roleId: plan.dropped[0] ?? plan.moved[0]?.roleId ?? '',
        title: 'Switchyard could not update the credentials file',
        body: oneLine(error),
      });
      return { catalog, renew: [] };
    }
    this.#defaultId = defaultId;
    for (const id of plan.dropped) {
      const profile = sessions.get(id)?.profile ?? '';
      sessions.apply({ type: 'deactivated', isDefault: false }, { id, label: id, profile });
      this.#shapes.delete(id);
    }
    for (const { roleId, to, written } of plan.moved) {
      const live = sessions.get(roleId);
      const role = roles.get(roleId);
      if (!live || !role) continue;
      const refusal = rejected.get(to);
      sessions.set(roleId, { ...live, profile: to, inFile: written && refusal === undefined });
      if (refusal !== undefined) {
        const error = failureView({ fileProblem: refusal, refused: true });
        sessions.apply({ type: 'failed', error, now }, role);
      }
    }
    if (plan.dropped.length > 0) {
      await deps.stateFile
        .update((current) => plan.dropped.reduce(removeSession, current))
        .catch(() => undefined); // the state file is a convenience for other processes
    }
    publisher.emit();
    return { catalog, renew: plan.renew };
  }

  /** A moved session not in memory (after a restart) is read back from the profile it wrote. */
  async #holdMovedSessions(roles: ReadonlyMap<string, RoleEntry>): Promise<void> {
    const { deps, sessions } = this.#parts;
    for (const [id, live] of sessions.entries()) {
      const role = roles.get(id);
      if (!role || !live.profile || live.profile === role.profile) continue;
      if (live.credentials || !live.inFile || live.expiresAt === undefined) continue;
      const held = await readProfileSession(deps.credentialsPath, live.profile, live.expiresAt);
      if (held) sessions.apply({ type: 'holding', credentials: held }, role);
    }
  }
}
