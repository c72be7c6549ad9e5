import type { AccountName, AccountPatch } from '../../../shared/account-name';
import type {
  ConfigImportPreview,
  RoleForm,
  SourceProfileView,
} from '../../../shared/ipc-contract';
import type { RoleEntry, Settings } from '../../../shared/model';
import { patchAccountName } from '../catalog/account-names';
import { sourceProfileNames } from '../catalog/source-profile-names';
import { applyConfigImportFrom, previewConfigImport, rolePatchFromForm } from './catalog-facade';
import type { EngineStrategy } from './engine-strategy';
import type { LiveSessions } from './live-sessions';
import type { SessionManagerDeps } from './session-deps';
import { oneLine } from './session-failure';
import type { SnapshotPublisher } from './snapshot-publisher';

export interface CatalogEditParts {
  readonly deps: Pick<SessionManagerDeps, 'catalog' | 'env'>;
  readonly sessions: LiveSessions;
  readonly publisher: SnapshotPublisher;
  readonly engine: EngineStrategy;
  /** The catalog's role for a name the shell gave, checked as every name the engine acts on. */
  readonly role: (idOrLabel: string) => RoleEntry;
}

/**
 * The catalog edits the shells make through the engine (roles, settings,
 * account names, imports from ~/.aws/config): each is one checked catalog
 * write, and a change to the roles then takes the one path every catalog
 * change takes (`changed`), so the profiles live sessions wrote follow it.
 */
export class CatalogEdits {
  readonly #parts: CatalogEditParts;

  constructor(parts: CatalogEditParts) {
    this.#parts = parts;
  }

  async addRole(form: RoleForm): Promise<RoleEntry> {
    const role = this.#parts.deps.catalog.add(form);
    await this.changed();
    return role;
  }

  async updateRole(roleId: string, form: RoleForm): Promise<RoleEntry> {
    const { deps } = this.#parts;
    const role = deps.catalog.update(this.#parts.role(roleId).id, rolePatchFromForm(form));
    await this.changed();
    return role;
  }

  async removeRole(roleId: string): Promise<void> {
    const { deps, sessions, engine } = this.#parts;
    const role = this.#parts.role(roleId);
    if (sessions.has(role.id)) await engine.perform('deactivate', [role.id]);
    deps.catalog.remove(role.id);
    await this.changed();
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = this.#parts.deps.catalog.updateSettings(patch);
    this.#parts.publisher.emit();
    this.#parts.engine.schedule();
    return settings;
  }

  async updateAccount(accountId: string, patch: AccountPatch): Promise<AccountName> {
    const entry = this.#parts.deps.catalog.changeAccounts((names) => {
      const next = patchAccountName(names, accountId, patch);
      return { names: next.names, result: next.entry };
    });
    this.#parts.publisher.emit();
    return entry;
  }

  sourceProfiles(): Promise<SourceProfileView[]> {
    const { deps } = this.#parts;
    const targets = new Set(deps.catalog.list().map((role) => role.profile));
    return sourceProfileNames(deps.env, targets);
  }

  async previewImport(): Promise<ConfigImportPreview> {
    return previewConfigImport(this.#parts.deps.catalog, this.#parts.deps.env);
  }

  async applyImport(only: readonly string[] | null): Promise<{ added: number; updated: number }> {
    const result = applyConfigImportFrom(this.#parts.deps.catalog, this.#parts.deps.env, only);
    await this.changed();
    return result;
  }

  /**
   * The catalog changed (this process's own edits, another process's, an
   * import or a hand edit: one path for all): re-render, move or remove the
   * profiles live sessions wrote (the refresher does; passive never writes
   * the credentials file), and re-plan.
   */
  async changed(): Promise<void> {
    const { publisher, engine } = this.#parts;
    publisher.emit();
    try {
      await engine.catalogChanged();
    } catch (error) {
      // Called from watchers too: told, never thrown (the next change or round tries again).
      publisher.tell({
        kind: 'failed',
        roleId: '',
        title: 'Switchyard could not follow the catalog change',
        body: oneLine(error),
      });
    }
    publisher.emit();
    engine.schedule();
  }
}
