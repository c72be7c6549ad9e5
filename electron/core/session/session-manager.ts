import { InputError } from '../../../shared/input-error';
import type { ActivityEntry } from '../../../shared/activity';
import type {
  ConfigImportPreview,
  ConsoleMode,
  RoleForm,
  SourceProfileView,
} from '../../../shared/ipc-contract';
import { sourceProfileNames } from '../catalog/source-profile-names';
import type { AccountName, AccountPatch } from '../../../shared/account-name';
import type { RoleEntry, Settings, Snapshot } from '../../../shared/model';
import { patchAccountName } from '../catalog/account-names';
import { checkMfaCode } from '../../../shared/validate';
import { startSsoUpkeep } from '../sso/open-sso-role-sessions';
import type { StateAction, SwitchyardState } from '../refresh/state-model';
import type { SessionCredentials } from '../secret';
import { applyConfigImportFrom, previewConfigImport, rolePatchFromForm } from './catalog-facade';
import type { ConsoleDestination } from '../../../shared/console-destination';
import {
  consoleUrl,
  issueCredentials,
  type AccessContext,
  type IssueOptions,
} from './console-access';
import type { EngineStrategy } from './engine-strategy';
import { LiveSessions } from './live-sessions';
import { LocalEngine } from './local-engine';
import { PassiveEngine } from './passive-engine';
import type { RoleAssumer } from './role-assumer';
import { createEngineAssumer } from './engine-assumer';
import type { ManagerMode, SessionManagerDeps } from './session-deps';
import type { SessionEngine, SessionNotification } from './session-engine';
import { buildSnapshot } from './session-views';
import { AccountAliasLookup } from './account-alias-lookup';
import { SnapshotPublisher } from './snapshot-publisher';
import { oneLine } from './session-failure';
import { sealForRefresher } from './code-sealing';
import { recoveredSessions, writeRequests, type CodeSealer } from './state-sync';

export type { ManagerMode, SessionManagerDeps } from './session-deps';
export type { StsGatewayLike } from './sts-gateway-like';

/**
 * The heart of Switchyard: which roles are active, their sessions and timers.
 * A thin composition: the live sessions and their state machine, a strategy
 * that acts (the local engine: rounds, timer, files) or forwards (passive:
 * requests through the state file), the STS calls, and the snapshot publisher.
 * It checks every name against the catalog before anything acts on it.
 */
export class SessionManager implements SessionEngine {
  readonly #deps: SessionManagerDeps;
  readonly #sessions = new LiveSessions();
  readonly #publisher: SnapshotPublisher;
  readonly #assumer: RoleAssumer;
  readonly #engine: EngineStrategy;
  #stopSignInWatch: (() => void) | undefined;
  /**
   * Names accounts after their IAM alias once a role of theirs is active: in the
   * refresher only (the tray, the daemon), so no one-shot command waits on it.
   */
  readonly #aliases: AccountAliasLookup | undefined;

  private constructor(deps: SessionManagerDeps) {
    this.#deps = deps;
    const { assumer, sso } = createEngineAssumer(deps, this.#sessions);
    this.#assumer = assumer;
    this.#publisher = new SnapshotPublisher(() => this.#buildSnapshot());
    if (deps.mode === 'refresher') {
      const resume = (session: string): void => {
        this.signedIn(session).catch((error: unknown) =>
          this.#publisher.reportError(`resuming the roles of ${session} after a sign-in`, error),
        );
      };
      this.#stopSignInWatch = startSsoUpkeep(sso, deps.clock, (l) => this.subscribe(l), resume);
    }
    const parts = {
      deps,
      sessions: this.#sessions,
      publisher: this.#publisher,
      assumer: this.#assumer,
    };
    this.#engine = deps.mode === 'passive' ? new PassiveEngine(parts) : new LocalEngine(parts);
    this.#aliases =
      deps.mode !== 'refresher'
        ? undefined
        : new AccountAliasLookup({
            catalog: deps.catalog,
            env: deps.env,
            credentialsOf: (id) => {
              const live = this.#sessions.get(id);
              return live?.state === 'active' ? live.credentials : undefined;
            },
            onNamed: () => this.#publisher.emit(),
            ...(deps.env.SWITCHYARD_DEBUG
              ? { debug: (line: string) => process.stderr.write(`switchyard: debug: ${line}\n`) }
              : {}),
          });
  }

  /** Builds the manager and recovers active sessions from the state and credentials files. */
  static async start(deps: SessionManagerDeps): Promise<SessionManager> {
    const manager = new SessionManager(deps);
    const [state, managed] = await Promise.all([
      deps.stateFile.read(),
      deps.credentials.listManaged(),
    ]);
    const now = deps.clock.now();
    for (const [id, live] of recoveredSessions(deps.catalog.list(), state, managed, now))
      manager.#sessions.set(id, live);
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

  #buildSnapshot(): Snapshot {
    const catalog = this.#deps.catalog.snapshot();
    return buildSnapshot({
      roles: catalog.roles,
      accounts: catalog.accounts,
      // Views copy state, expiry, chained and error from each session: never its credentials.
      statuses: new Map(this.#sessions.entries()),
      defaultRoleId: catalog.defaultRoleId,
      mfaWaiting: this.#sessions.mfaWaiting(),
      settings: catalog.settings,
      refresher: this.#engine.refresher,
    });
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
   * Asks the running refresher (through the state file) to act on these roles.
   * Every name is checked first (an unknown one asks nothing), then all the
   * requests go in one state-file write. Returns the request ids in the order
   * given; the refresher records each result under its id. An MFA code goes
   * sealed to the refresher's published key, bound to each request.
   */
  async ask(
    action: StateAction,
    idsOrLabels: readonly string[],
    options: { readonly mfaCode?: string } = {},
  ): Promise<string[]> {
    const roleIds = idsOrLabels.map((name) => this.#role(name).id);
    const { stateFile, clock, requester, refresherHolder } = this.#deps;
    const from = { pid: process.pid, kind: requester ?? 'cli' } as const;
    const code = options.mfaCode === undefined ? undefined : checkMfaCode(options.mfaCode);
    const seal: CodeSealer | undefined =
      code === undefined
        ? undefined
        : (current, request) =>
            sealForRefresher(current, refresherHolder, code, request, clock.now());
    return writeRequests(stateFile, action, roleIds, from, clock.now(), seal);
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
    this.#aliases?.after([role]);
  }

  async activateAll(idsOrLabels: readonly string[]): Promise<void> {
    const roles = idsOrLabels.map((name) => this.#role(name));
    await this.#engine.perform(
      'activate',
      roles.map((role) => role.id),
    );
    this.#aliases?.after(roles);
  }

  /** Resolves once the account-alias lookups started by activations have ended. */
  accountNamesSettled(): Promise<void> {
    return this.#aliases?.settled() ?? Promise.resolve();
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

  // ---- catalog -------------------------------------------------------------

  async addRole(form: RoleForm): Promise<RoleEntry> {
    const role = this.#deps.catalog.add(form);
    await this.catalogChanged();
    return role;
  }

  async updateRole(roleId: string, form: RoleForm): Promise<RoleEntry> {
    const role = this.#deps.catalog.update(this.#role(roleId).id, rolePatchFromForm(form));
    await this.catalogChanged();
    return role;
  }

  async removeRole(roleId: string): Promise<void> {
    const role = this.#role(roleId);
    if (this.#sessions.has(role.id)) await this.deactivate(role.id);
    this.#deps.catalog.remove(role.id);
    await this.catalogChanged();
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = this.#deps.catalog.updateSettings(patch);
    this.#publisher.emit();
    this.#engine.schedule();
    return settings;
  }

  async updateAccount(accountId: string, patch: AccountPatch): Promise<AccountName> {
    const entry = this.#deps.catalog.changeAccounts((names) => {
      const next = patchAccountName(names, accountId, patch);
      return { names: next.names, result: next.entry };
    });
    this.#publisher.emit();
    return entry;
  }

  async recentActivity(): Promise<readonly ActivityEntry[]> {
    return (await this.#deps.readActivity?.()) ?? [];
  }

  sourceProfiles(): Promise<SourceProfileView[]> {
    const targets = new Set(this.#deps.catalog.list().map((role) => role.profile));
    return sourceProfileNames(this.#deps.env, targets);
  }

  async previewImport(): Promise<ConfigImportPreview> {
    return previewConfigImport(this.#deps.catalog, this.#deps.env);
  }

  async applyImport(
    only: readonly string[] | null = null,
  ): Promise<{ added: number; updated: number }> {
    const result = applyConfigImportFrom(this.#deps.catalog, this.#deps.env, only);
    await this.catalogChanged();
    return result;
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

  /**
   * The catalog changed (this process's own edits, another process's, an
   * import or a hand edit: one path for all): re-render, move or remove the
   * profiles live sessions wrote (the refresher does; passive never writes
   * the credentials file), and re-plan.
   */
  async catalogChanged(): Promise<void> {
    this.#publisher.emit();
    try {
      await this.#engine.catalogChanged();
    } catch (error) {
      // Called from watchers too: told, never thrown (the next change or round tries again).
      this.#publisher.tell({
        kind: 'failed',
        roleId: '',
        title: 'Switchyard could not follow the catalog change',
        body: oneLine(error),
      });
    }
    this.#publisher.emit();
    this.#engine.schedule();
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
    this.#stopSignInWatch?.();
    await this.#engine.stop();
    await this.#deps.onStop?.();
  }

  /** Resolves when every queued round and write has finished (for the CLI and tests). */
  idle(): Promise<void> {
    return this.#engine.idle();
  }

  #accessTo(idOrLabel: string): AccessContext {
    const role = this.#role(idOrLabel);
    return {
      role,
      live: this.#sessions.get(role.id),
      credentialsPath: this.#deps.credentialsPath,
      now: this.#deps.clock.now(),
      ...(this.#deps.audit ? { audit: this.#deps.audit } : {}),
      findRole: (id) => this.#deps.catalog.find(id),
    };
  }

  #role(idOrLabel: string): RoleEntry {
    if (typeof idOrLabel !== 'string' || idOrLabel.length === 0) {
      throw new InputError('role', 'a role id or label is required');
    }
    return this.#deps.catalog.get(idOrLabel);
  }
}
