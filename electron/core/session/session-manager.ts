import { InputError } from '../../../shared/input-error';
import type { ActivityEntry } from '../../../shared/activity';
import type {
  ConfigImportPreview,
  ConsoleMode,
  RoleForm,
  SourceProfileView,
} from '../../../shared/ipc-contract';
import type { AccountName, AccountPatch } from '../../../shared/account-name';
import type { RoleEntry, Settings, Snapshot } from '../../../shared/model';
import { checkMfaCode } from '../../../shared/validate';
import type { StateAction, SwitchyardState } from '../refresh/state-model';
import type { SessionCredentials } from '../secret';
import type { ConsoleDestination } from '../../../shared/console-destination';
import {
  accessContext,
  consoleUrl,
  issueCredentials,
  type AccessContext,
  type IssueOptions,
} from './console-access';
import { askRefresher } from './ask-refresher';
import { CatalogEdits } from './catalog-edits';
import type { EngineStrategy } from './engine-strategy';
import { LiveSessions } from './live-sessions';
import { LocalEngine } from './local-engine';
import { PassiveEngine } from './passive-engine';
import type { RoleAssumer } from './role-assumer';
import { createEngineAssumer } from './engine-assumer';
import { startRefresherUpkeep, type RefresherUpkeep } from './refresher-upkeep';
import type { ManagerMode, SessionManagerDeps } from './session-deps';
import type { SessionEngine, SessionNotification } from './session-engine';
import { engineSnapshot } from './session-views';
import { SnapshotPublisher } from './snapshot-publisher';
import { sessionsToResume } from './state-sync';

export type { ManagerMode, SessionManagerDeps } from './session-deps';
export type { StsGatewayLike } from './sts-gateway-like';

/**
 * The heart of Switchyard: which roles are active, their sessions and timers.
 * A thin composition: the live sessions and their state machine, a strategy
 * that acts (local engine: rounds, timer, files) or forwards (passive engine),
 * the STS calls, the snapshot publisher, the catalog edits and, in the
 * refresher, the upkeep beside it (Identity Center tokens, account aliases).
 * It checks every name against the catalog before anything acts on it.
 */
export class SessionManager implements SessionEngine {
  readonly #deps: SessionManagerDeps;
  readonly #sessions = new LiveSessions();
  readonly #publisher: SnapshotPublisher;
  readonly #assumer: RoleAssumer;
  readonly #engine: EngineStrategy;
  readonly #edits: CatalogEdits;
  /** Identity Center token upkeep and account alias lookups: in the refresher only. */
  readonly #upkeep: RefresherUpkeep | undefined;

  private constructor(deps: SessionManagerDeps) {
    this.#deps = deps;
    const { assumer, sso } = createEngineAssumer(deps, this.#sessions);
    this.#assumer = assumer;
    const { signInEnds } = sso;
    const publisher = new SnapshotPublisher(() =>
      engineSnapshot(deps.catalog.snapshot(), this.#sessions, this.#engine.refresher, signInEnds),
    );
    this.#publisher = publisher;
    const parts = { deps, sessions: this.#sessions, publisher, assumer };
    this.#engine = deps.mode === 'passive' ? new PassiveEngine(parts) : new LocalEngine(parts);
    const role = (name: string): RoleEntry => this.#role(name);
    this.#edits = new CatalogEdits({ ...parts, engine: this.#engine, role });
    this.#upkeep =
      deps.mode !== 'refresher'
        ? undefined
        : startRefresherUpkeep({ ...parts, sso, signedIn: (session) => this.signedIn(session) });
  }

  /** Builds the manager and recovers active sessions from the state and credentials files. */
  static async start(deps: SessionManagerDeps): Promise<SessionManager> {
    const manager = new SessionManager(deps);
    for (const [id, live] of await sessionsToResume(deps)) manager.#sessions.set(id, live);
    await manager.#engine.start();
    manager.#publisher.emit();
    manager.#engine.schedule();
    return manager;
  }

  get mode(): ManagerMode {
    return this.#deps.mode;
  }

  // ---- views -------------------------------------------------------------

  snapshot(): Snapshot {
    return this.#publisher.snapshot();
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    return this.#publisher.subscribe(listener);
  }

  onNotification(listener: (n: SessionNotification) => void): () => void {
    return this.#publisher.onNotification(listener);
  }

  // ---- other processes ------------------------------------------------------

  /** Answers requests other processes left in the state file (refresher only). */
  processRequests(): Promise<number> {
    return this.#engine.processRequests();
  }

  /** Passive mode: mirror the refresher's records so the view stays current. */
  adoptState(state: SwitchyardState): void {
    this.#engine.adoptState(state);
  }

  /**
   * Asks the running refresher to act on these roles (see ask-refresher.ts).
   * Every name is checked first: an unknown one asks nothing.
   */
  async ask(
    action: StateAction,
    idsOrLabels: readonly string[],
    options: { readonly mfaCode?: string } = {},
  ): Promise<string[]> {
    const roleIds = idsOrLabels.map((name) => this.#role(name).id);
    return askRefresher(this.#deps, action, roleIds, options.mfaCode);
  }

  /** Credentials for `credential_process`, `env` and `exec` (see console-access.ts). */
  async issueCredentials(
    idOrLabel: string,
    options: IssueOptions = {},
  ): Promise<SessionCredentials> {
    return issueCredentials(this.#accessTo(idOrLabel), this.#assumer, options);
  }

  // ---- actions -----------------------------------------------------------

  async activate(roleId: string): Promise<void> {
    const role = this.#role(roleId);
    await this.#engine.perform('activate', [role.id]);
    this.#upkeep?.aliases.after([role]);
  }

  async activateAll(idsOrLabels: readonly string[]): Promise<void> {
    const roles = idsOrLabels.map((name) => this.#role(name));
    await this.#engine.perform(
      'activate',
      roles.map((role) => role.id),
    );
    this.#upkeep?.aliases.after(roles);
  }

  /** Resolves once the account-alias lookups started by activations have ended. */
  accountNamesSettled(): Promise<void> {
    return this.#upkeep?.aliases.settled() ?? Promise.resolve();
  }

  async deactivate(roleId: string): Promise<void> {
    await this.#engine.perform('deactivate', [this.#role(roleId).id]);
  }

  async refresh(roleId: string | null): Promise<void> {
    if (roleId === null) await this.#engine.renew(this.#sessions.ids());
    else await this.#engine.perform('refresh', [this.#role(roleId).id]);
  }

  async setDefault(roleId: string | null): Promise<void> {
    const previous = this.#deps.catalog.defaultRoleId();
    const role = roleId === null ? undefined : this.#role(roleId);
    this.#deps.catalog.setDefault(role?.id);
    await this.#engine.defaultChanged(role, previous);
    this.#publisher.emit();
  }

  /**
   * Someone signed in to an Identity Center session: every role of it that
   * waits resumes, in one round. Returns how many roles that was.
   */
  async signedIn(session: string): Promise<number> {
    const waiting = this.snapshot().signInPrompts.find((prompt) => prompt.session === session);
    const roleIds = waiting?.waitingRoleIds ?? [];
    if (roleIds.length > 0) await this.#engine.perform('activate', roleIds);
    return roleIds.length;
  }

  async submitMfaCode(sourceKey: string, code: string): Promise<void> {
    const tokenCode = checkMfaCode(code, 'MFA code');
    const waiting = this.#sessions.mfaWaitingOn(sourceKey);
    if (!waiting || waiting.roleIds.length === 0) {
      throw new InputError('MFA code', `nothing is waiting for an MFA code on ${sourceKey}`);
    }
    // The refresher (this process, or the one a passive engine sends the code to) uses it.
    await this.#engine.useMfaCode(this.#role(waiting.roleIds[0] ?? '').id, tokenCode);
  }

  // ---- catalog (catalog-edits.ts) -------------------------------------------

  addRole(form: RoleForm): Promise<RoleEntry> {
    return this.#edits.addRole(form);
  }

  updateRole(roleId: string, form: RoleForm): Promise<RoleEntry> {
    return this.#edits.updateRole(roleId, form);
  }

  removeRole(roleId: string): Promise<void> {
    return this.#edits.removeRole(roleId);
  }

  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.#edits.updateSettings(patch);
  }

  updateAccount(accountId: string, patch: AccountPatch): Promise<AccountName> {
    return this.#edits.updateAccount(accountId, patch);
  }

  async recentActivity(): Promise<readonly ActivityEntry[]> {
    return (await this.#deps.readActivity?.()) ?? [];
  }

  sourceProfiles(): Promise<SourceProfileView[]> {
    return this.#edits.sourceProfiles();
  }

  previewImport(): Promise<ConfigImportPreview> {
    return this.#edits.previewImport();
  }

  applyImport(only: readonly string[] | null = null): Promise<{ added: number; updated: number }> {
    return this.#edits.applyImport(only);
  }

  profileOf(roleId: string): string {
    return this.#role(roleId).profile;
  }

  async consoleUrl(
    roleId: string,
    mode: ConsoleMode,
    destination?: ConsoleDestination,
  ): Promise<string> {
    return consoleUrl(this.#accessTo(roleId), mode, this.#deps.env, destination);
  }

  /** The catalog changed, whoever changed it: the one path for all (CatalogEdits.changed). */
  catalogChanged(): Promise<void> {
    return this.#edits.changed();
  }

  /** Tells every notification listener (the factory's notices about Switchyard's own files). */
  notify(notification: SessionNotification): void {
    this.#publisher.tell(notification);
  }

  /** The one path for faults in callbacks registered around the engine (watchers, timers). */
  reportError(where: string, error: unknown): void {
    this.#publisher.reportError(where, error);
  }

  /** state.json was damaged and set aside: the refresher writes its sessions into the new one. */
  stateSetAside(): void {
    this.#engine.stateSetAside();
  }

  // ---- power and network ---------------------------------------------------

  resume(): void {
    // Timers are not trusted across sleep: re-plan everything against the wall clock now.
    this.#engine.schedule();
  }

  setOnline(online: boolean): void {
    this.#engine.setOnline(online);
  }

  async stop(): Promise<void> {
    this.#upkeep?.stop();
    await this.#engine.stop();
    await this.#deps.onStop?.();
  }

  /** Resolves when every queued round and write has finished (for the CLI and tests). */
  idle(): Promise<void> {
    return this.#engine.idle();
  }

  #accessTo(idOrLabel: string): AccessContext {
    const role = this.#role(idOrLabel);
    return accessContext(this.#deps, role, this.#sessions.get(role.id));
  }

  #role(idOrLabel: string): RoleEntry {
    if (typeof idOrLabel !== 'string' || idOrLabel.length === 0) {
      throw new InputError('role', 'a role id or label is required');
    }
    return this.#deps.catalog.get(idOrLabel);
  }
}
