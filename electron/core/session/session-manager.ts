import { randomUUID } from 'node:crypto';
import {
  consoleHomeUrl,
  federatedLoginUrl,
  federationEndpoint,
  switchRoleUrl,
} from '../../../shared/console-urls';
import { InputError } from '../../../shared/input-error';
import type { ConfigImportPreview, ConsoleMode, RoleForm } from '../../../shared/ipc-contract';
import type {
  ErrorKind,
  RoleEntry,
  SessionErrorView,
  Settings,
  Snapshot,
} from '../../../shared/model';
import { parseRoleArn } from '../../../shared/role-arn';
import { checkMfaCode } from '../../../shared/validate';
import type { CatalogStore } from '../catalog/catalog-store';
import { readAwsConfig } from '../catalog/aws-config-file';
import { applyConfigImport, planConfigImport } from '../catalog/import-aws-config';
import { getSigninToken } from '../console/signin-token';
import type { CredentialsFile, ProfileChange } from '../credentials/credentials-file';
import type { Clock, TimerHandle } from '../refresh/clock';
import { runBounded } from '../refresh/concurrency';
import { nextWake, planRefresh, type SessionTiming } from '../refresh/refresh-plan';
import { addResult, claimRequests, removeSession, setDesired } from '../refresh/state-changes';
import type { StateFile } from '../refresh/state-file';
import type {
  SessionRecord,
  StateAction,
  StateResult,
  SwitchyardState,
} from '../refresh/state-model';
import type { SessionCredentials } from '../secret';
import { LongTermKeys } from '../secrets/long-term-keys';
import { MfaSessionCache } from '../secrets/mfa-session-cache';
import type { SecretStore } from '../secrets/secret-store';
import { resolveStsRegion } from '../sts/region';
import { classifyStsError, StsError } from '../sts/sts-error';
import {
  stsEndpointFromEnv,
  type AssumedRole,
  type CredentialSource,
  type StsGateway,
  type StsGatewayOptions,
} from '../sts/sts-gateway';
import { mfaSourceKey, readProfileSession, sessionAsSource } from './role-sources';
import type { SessionEngine, SessionNotification } from './session-engine';
import { defaultSessionName } from './session-name';
import { buildSnapshot, type SessionStatus } from './session-views';

export type StsGatewayLike = Pick<
  StsGateway,
  'assumeRole' | 'getSessionToken' | 'resolveSourceCredentials' | 'destroy'
>;

/**
 * - refresher: owns the timers and performs every STS call and file write (the
 *   tray app or `switchyard daemon` holding the refresher lock);
 * - passive: another process is the refresher; actions become requests in the
 *   shared state file, and the view follows that file;
 * - oneshot: a CLI command with no refresher running: acts directly, no timers.
 */
export type ManagerMode = 'refresher' | 'passive' | 'oneshot';

export interface SessionManagerDeps {
  readonly mode: ManagerMode;
  readonly catalog: CatalogStore;
  readonly credentials: CredentialsFile;
  readonly credentialsPath: string;
  readonly configPath: string;
  readonly secrets: SecretStore;
  readonly stateFile: StateFile;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly createGateway: (options: StsGatewayOptions) => StsGatewayLike;
  /** Who refreshes when this one is passive, for the view. */
  readonly heldBy?: string;
  /** STS calls in flight at once during a round. */
  readonly concurrency?: number;
  readonly seed?: number;
  /** Longest sleep between plans, so a host with no resume event still notices missed refreshes. */
  readonly maxSleepMs?: number;
  readonly requestTimeoutMs?: number;
  /** Who is asking, in requests left for the refresher. */
  readonly requester?: 'app' | 'daemon' | 'cli';
  /** Runs at the end of stop(): the factory releases locks and watchers here. */
  readonly onStop?: () => Promise<void> | void;
}

interface Live {
  state: SessionStatus['state'];
  expiresAt?: number;
  issuedAt?: number;
  lastAttemptAt?: number;
  failures: number;
  lastErrorKind?: ErrorKind;
  error?: SessionErrorView;
  chained: boolean;
  inFlight: boolean;
  /** The profile it writes (kept here: the role may vanish from the catalog). */
  profile?: string;
  /** Its session is in the credentials file now (so expiry must remove it). */
  inFile: boolean;
  /** Kept in memory only, for chaining and federated sign-in; never in a view. */
  credentials?: SessionCredentials;
}

/** The role waits for an MFA code on its source identity. */
class NeedsMfa extends Error {
  constructor(
    readonly sourceKey: string,
    readonly mfaSerial: string,
    readonly reason?: string,
  ) {
    super('an MFA code is needed');
  }
}

const DEFAULT_CONCURRENCY = 10;
const DEFAULT_MAX_SLEEP_MS = 5 * 60_000;
/** A source session with less than this left is not used to chain from. */
const MIN_SOURCE_LIFE_MS = 60_000;
/** IAM users' GetSessionToken default; every role assumed from it is capped at 1 hour anyway. */
const MFA_SESSION_SECONDS = 43_200;
/** The JS SDK re-runs credential_process when less than 5 minutes remain; hand out more. */
const ISSUE_MIN_LIFE_MS = 5 * 60_000 + 60_000;

/**
 * The heart of Switchyard: which roles are active, their sessions and timers.
 * It owns all state, emits a full snapshot of views (no secrets) on every
 * change, refreshes each session from its real expiry minus a margin with one
 * timer for all roles, batches one credentials-file write per round, and shares
 * its state with other processes through the state file.
 */
export class SessionManager implements SessionEngine {
  readonly #deps: SessionManagerDeps;
  readonly #live = new Map<string, Live>();
  readonly #mfaWaiting = new Map<string, { mfaSerial: string; roleIds: string[] }>();
  readonly #listeners = new Set<(snapshot: Snapshot) => void>();
  readonly #notify = new Set<(n: SessionNotification) => void>();
  readonly #mfaCache: MfaSessionCache;
  readonly #keys: LongTermKeys;
  #timer: TimerHandle | undefined;
  #online = true;
  #stopped = false;
  #snapshot: Snapshot | undefined;
  #unwatchCatalog: (() => void) | undefined;
  /** Serializes rounds: the credentials file gets one writer from this process at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #pending: { ids: Set<string>; done: Promise<void> } | undefined;
  /** Source credentials resolved during the current round (see #resolvedOnce). */
  #roundSources: Map<string, Promise<CredentialSource>> | undefined;
  /** The resolved sources of this round (only these may share a client). */
  #roundSourceObjects = new WeakSet<CredentialSource>();
  #roundGateways: Map<CredentialSource, Map<string, StsGatewayLike>> | undefined;
  /** STS regions resolved during the current round (each reads the AWS config file). */
  #roundRegions: Map<string, Promise<string>> | undefined;

  private constructor(deps: SessionManagerDeps) {
    this.#deps = deps;
    this.#mfaCache = new MfaSessionCache(deps.secrets);
    this.#keys = new LongTermKeys(deps.secrets);
  }

  /** Builds the manager and recovers active sessions from the state and credentials files. */
  static async start(deps: SessionManagerDeps): Promise<SessionManager> {
    const manager = new SessionManager(deps);
    await manager.#recover();
    manager.#unwatchCatalog = deps.catalog.onDidChange(() => manager.#emit());
    manager.#emit();
    manager.#schedule();
    return manager;
  }

  get mode(): ManagerMode {
    return this.#deps.mode;
  }

  // ---- views -------------------------------------------------------------

  snapshot(): Snapshot {
    this.#snapshot ??= this.#buildSnapshot();
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onNotification(listener: (n: SessionNotification) => void): () => void {
    this.#notify.add(listener);
    return () => this.#notify.delete(listener);
  }

  #buildSnapshot(): Snapshot {
    const catalog = this.#deps.catalog.snapshot();
    const statuses = new Map<string, SessionStatus>();
    for (const [id, live] of this.#live) {
      statuses.set(id, {
        state: live.state,
        chained: live.chained,
        ...(live.expiresAt !== undefined ? { expiresAt: live.expiresAt } : {}),
        ...(live.error ? { error: live.error } : {}),
      });
    }
    return deepFreeze(
      buildSnapshot({
        roles: catalog.roles,
        statuses,
        defaultRoleId: catalog.defaultRoleId,
        mfaWaiting: this.#mfaWaiting,
        settings: catalog.settings,
        refresher:
          this.#deps.mode === 'passive'
            ? { active: false, ...(this.#deps.heldBy ? { heldBy: this.#deps.heldBy } : {}) }
            : { active: this.#deps.mode === 'refresher' },
      }),
    );
  }

  #emit(): void {
    this.#snapshot = undefined;
    if (this.#listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) listener(snapshot);
  }

  #tell(notification: SessionNotification): void {
    for (const listener of this.#notify) listener(notification);
  }

  // ---- recovery and the shared state file ---------------------------------

  async #recover(): Promise<void> {
    const now = this.#deps.clock.now();
    const [state, managed] = await Promise.all([
      this.#deps.stateFile.read(),
      this.#deps.credentials.listManaged(),
    ]);
    const byProfile = new Map(managed.map((m) => [m.profile, m]));
    for (const role of this.#deps.catalog.list()) {
      const record = state.sessions[role.id];
      const inFile = byProfile.get(role.profile);
      const ours = inFile !== undefined && inFile.roleArn === role.roleArn;
      // Active if the state file says so, or (no record at all) our profile is in the file.
      const desiredActive = record ? record.desired === 'active' : ours;
      if (!desiredActive) continue;
      const expiresAt = ours ? inFile.expiresAt : undefined;
      this.#live.set(role.id, {
        state: expiresAt !== undefined && expiresAt > now ? 'active' : 'expired',
        // Unknown issue time: the planner applies the full margin.
        expiresAt: expiresAt ?? now,
        failures: 0,
        chained: role.source.kind === 'role' || role.mfaSerial !== undefined,
        inFlight: false,
        inFile: ours,
        profile: role.profile,
      });
    }
  }

  /** The state another process (CLI, passive app) sees: records without secrets. */
  async #persist(roleIds: readonly string[]): Promise<void> {
    const now = this.#deps.clock.now();
    await this.#deps.stateFile.update((current) => {
      // One copy of the sessions map for the whole round, not one per role.
      const sessions: Record<string, SessionRecord> = { ...current.sessions };
      for (const id of roleIds) {
        const live = this.#live.get(id);
        if (!live) {
          delete sessions[id];
          continue;
        }
        sessions[id] = {
          desired: 'active',
          state: live.state,
          ...(live.expiresAt !== undefined ? { expiresAt: live.expiresAt } : {}),
          ...(live.error ? { error: live.error } : {}),
          updatedAt: now,
        };
      }
      return { ...current, sessions };
    });
  }

  /**
   * Applies requests other processes left in the state file (refresher only):
   * each is claimed under the file's lock so none runs twice, then answered.
   */
  async processRequests(): Promise<number> {
    if (this.#deps.mode !== 'refresher') return 0;
    let claimed: SwitchyardState['requests'] = [];
    await this.#deps.stateFile.update((current) => {
      const result = claimRequests(current, this.#deps.clock.now());
      claimed = result.claimed;
      return result.state;
    });
    // A batch runs together, so its activations and refreshes share one round (one
    // credentials-file write, STS calls in parallel) instead of one round each; its
    // results are recorded in one state-file write.
    for (const batch of requestBatches(claimed)) {
      const results = await Promise.all(batch.map((request) => this.#carryOut(request)));
      await this.#deps.stateFile.update((current) => {
        const now = this.#deps.clock.now();
        return results.reduce((state, result) => addResult(state, result, now), current);
      });
    }
    return claimed.length;
  }

  async #carryOut(request: SwitchyardState['requests'][number]): Promise<StateResult> {
    let ok = true;
    let message: string | undefined;
    try {
      await this.#perform(request.action, request.roleId);
      const live = this.#live.get(request.roleId);
      if (live?.error) {
        ok = false;
        message = live.error.message;
      }
    } catch (error) {
      ok = false;
      message = oneLine(error);
    }
    return {
      id: request.id,
      action: request.action,
      roleId: request.roleId,
      ok,
      ...(message ? { message } : {}),
      finishedAt: this.#deps.clock.now(),
    };
  }

  /** Passive mode: mirror the refresher's records so the view stays current. */
  adoptState(state: SwitchyardState): void {
    if (this.#deps.mode !== 'passive') return;
    this.#live.clear();
    for (const [id, record] of Object.entries(state.sessions)) {
      if (record.desired !== 'active') continue;
      this.#live.set(id, {
        state: record.state,
        ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
        ...(record.error ? { error: record.error } : {}),
        failures: 0,
        chained: false,
        inFlight: false,
        inFile: false,
      });
    }
    this.#emit();
  }

  /**
   * Asks the running refresher (through the state file) to act on these roles.
   * Every name is checked first (an unknown one asks nothing), then all the
   * requests go in one state-file write. Returns the request ids in the order
   * given; the refresher records each result under its id.
   */
  async ask(action: StateAction, idsOrLabels: readonly string[]): Promise<string[]> {
    const roleIds = idsOrLabels.map((name) => this.#role(name).id);
    return this.#requests(action, roleIds);
  }

  /**
   * Credentials for `credential_process`: the role's live session when it has
   * more than five minutes left, else a fresh one from STS that is handed out
   * without being written anywhere.
   */
  async issueCredentials(idOrLabel: string): Promise<SessionCredentials> {
    const role = this.#role(idOrLabel);
    const now = this.#deps.clock.now();
    const live = this.#live.get(role.id);
    if (live?.inFile && live.expiresAt !== undefined && live.expiresAt - now > ISSUE_MIN_LIFE_MS) {
      const current =
        live.credentials ??
        (await readProfileSession(this.#deps.credentialsPath, role.profile, live.expiresAt));
      if (current) return current;
    }
    try {
      return (await this.#assume(role)).credentials;
    } catch (error) {
      if (error instanceof NeedsMfa) {
        throw new StsError(
          'needs-user',
          'MfaRequired',
          `${role.label} needs an MFA code for ${error.mfaSerial}: run \`switchyard activate ${role.id} --mfa-code CODE\` first`,
          undefined,
          true,
        );
      }
      throw error;
    }
  }

  async #request(action: StateAction, roleId: string): Promise<string> {
    const [id] = await this.#requests(action, [roleId]);
    return id!;
  }

  /** Requests for several roles in one state-file write (not one locked write per role). */
  async #requests(action: StateAction, roleIds: readonly string[]): Promise<string[]> {
    const ids = roleIds.map(() => randomUUID());
    if (roleIds.length === 0) return ids;
    const now = this.#deps.clock.now();
    const from = { pid: process.pid, kind: this.#deps.requester ?? 'cli' } as const;
    await this.#deps.stateFile.update((current) => {
      let next: SwitchyardState = current;
      if (action !== 'refresh') {
        for (const roleId of roleIds)
          next = setDesired(next, roleId, action === 'activate' ? 'active' : 'inactive', now);
      }
      return {
        ...next,
        requests: [
          ...next.requests,
          ...roleIds.map((roleId, i) => ({ id: ids[i]!, action, roleId, createdAt: now, from })),
        ],
      };
    });
    return ids;
  }

  // ---- actions -----------------------------------------------------------

  async activate(roleId: string): Promise<void> {
    await this.#perform('activate', this.#role(roleId).id);
  }

  async deactivate(roleId: string): Promise<void> {
    await this.#perform('deactivate', this.#role(roleId).id);
  }

  async refresh(roleId: string | null): Promise<void> {
    if (roleId === null) {
      const ids = [...this.#live.keys()];
      if (this.#deps.mode === 'passive') {
        await this.#requests('refresh', ids);
        return;
      }
      await this.#roundFor(ids);
      return;
    }
    await this.#perform('refresh', this.#role(roleId).id);
  }

  async #perform(action: StateAction, roleId: string): Promise<void> {
    if (this.#deps.mode === 'passive') {
      await this.#request(action, roleId);
      return;
    }
    switch (action) {
      case 'activate': {
        // A chained role needs its source roles' sessions: activate the chain.
        const chain = this.#chainOf(this.#role(roleId));
        await this.#roundFor(chain.map((r) => r.id));
        return;
      }
      case 'refresh':
        if (!this.#live.has(roleId))
          throw new InputError('role', `role ${roleId} is not active; activate it first`);
        await this.#roundFor([roleId]);
        return;
      case 'deactivate':
        await this.#enqueue(() => this.#deactivate(roleId));
        return;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${String(never)}`);
      }
    }
  }

  async setDefault(roleId: string | null): Promise<void> {
    const previous = this.#deps.catalog.defaultRoleId();
    const role = roleId === null ? undefined : this.#role(roleId);
    this.#deps.catalog.setDefault(role?.id);
    if (this.#deps.mode === 'passive') {
      this.#emit();
      return;
    }
    await this.#enqueue(async () => {
      const changes: ProfileChange[] = [];
      const live = role ? this.#live.get(role.id) : undefined;
      if (role && live?.credentials) {
        changes.push({
          type: 'put',
          profile: 'default',
          credentials: live.credentials,
          roleArn: role.roleArn,
        });
      } else if (previous && previous !== role?.id) {
        changes.push({ type: 'remove', profile: 'default' });
      }
      if (changes.length > 0) await this.#writeQuietly(changes);
      if (role && live && !live.credentials) await this.#round([role.id]);
    });
    this.#emit();
  }

  async submitMfaCode(sourceKey: string, code: string): Promise<void> {
    const tokenCode = checkMfaCode(code, 'MFA code');
    const waiting = this.#mfaWaiting.get(sourceKey);
    if (!waiting || waiting.roleIds.length === 0) {
      throw new InputError('MFA code', `nothing is waiting for an MFA code on ${sourceKey}`);
    }
    const first = this.#role(waiting.roleIds[0] ?? '');
    const source = await this.#baseSource(first);
    const gateway = this.#deps.createGateway({
      region: await this.#regionFor(first),
      source,
      ...this.#gatewayPlumbing(),
      maxAttempts: 2,
      ...(this.#deps.requestTimeoutMs ? { requestTimeoutMs: this.#deps.requestTimeoutMs } : {}),
    });
    let session: SessionCredentials;
    try {
      session = await gateway.getSessionToken({
        durationSeconds: MFA_SESSION_SECONDS,
        mfa: { serialNumber: waiting.mfaSerial, tokenCode },
      });
    } finally {
      gateway.destroy();
    }
    await this.#mfaCache.set(sourceKey, session);
    const roleIds = [...waiting.roleIds];
    this.#mfaWaiting.delete(sourceKey);
    await this.#roundFor(roleIds);
  }

  // ---- catalog -------------------------------------------------------------

  async addRole(form: RoleForm): Promise<RoleEntry> {
    const role = this.#deps.catalog.add(form);
    this.#emit();
    return role;
  }

  async updateRole(roleId: string, form: RoleForm): Promise<RoleEntry> {
    const before = this.#role(roleId);
    const patch: Record<string, unknown> = { ...form };
    // Optional fields the form left out are cleared, so the role equals the form.
    for (const key of [
      'externalId',
      'sessionName',
      'durationSeconds',
      'region',
      'mfaSerial',
      'color',
      'group',
    ] as const) {
      if (!(key in form) || (form as Record<string, unknown>)[key] === undefined) patch[key] = null;
    }
    const role = this.#deps.catalog.update(before.id, patch);
    // A role that now writes another profile must not leave its old one behind.
    if (
      before.profile !== role.profile &&
      this.#live.has(role.id) &&
      this.#deps.mode !== 'passive'
    ) {
      await this.#enqueue(() => this.#writeQuietly([{ type: 'remove', profile: before.profile }]));
      await this.#roundFor([role.id]);
    }
    this.#emit();
    return role;
  }

  async removeRole(roleId: string): Promise<void> {
    const role = this.#role(roleId);
    if (this.#live.has(role.id)) await this.deactivate(role.id);
    this.#deps.catalog.remove(role.id);
    this.#emit();
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = this.#deps.catalog.updateSettings(patch);
    this.#emit();
    this.#schedule();
    return settings;
  }

  async previewImport(): Promise<ConfigImportPreview> {
    const { path, text } = readAwsConfig(this.#deps.env);
    const plan = planConfigImport(text, this.#deps.catalog.list());
    return {
      configPath: path,
      toAdd: plan.toAdd,
      toUpdate: plan.toUpdate.map((u) => ({ before: u.before, after: u.after })),
      skipped: plan.skipped.map((s) => ({ profile: s.profile, reason: s.reason })),
    };
  }

  async applyImport(): Promise<{ added: number; updated: number }> {
    const { text } = readAwsConfig(this.#deps.env);
    const result = applyConfigImport(
      this.#deps.catalog,
      planConfigImport(text, this.#deps.catalog.list()),
    );
    this.#emit();
    return { added: result.added.length, updated: result.updated.length };
  }

  profileOf(roleId: string): string {
    return this.#role(roleId).profile;
  }

  async consoleUrl(roleId: string, mode: ConsoleMode): Promise<string> {
    const role = this.#role(roleId);
    const arn = parseRoleArn(role.roleArn);
    if (mode === 'switch-role') {
      return switchRoleUrl({
        role: arn,
        ...(role.color ? { color: role.color } : {}),
        displayName: role.label.slice(0, 64),
      });
    }
    const live = this.#live.get(role.id);
    const credentials =
      live?.credentials ??
      (live?.expiresAt !== undefined
        ? await readProfileSession(this.#deps.credentialsPath, role.profile, live.expiresAt)
        : undefined);
    if (!credentials || credentials.expiresAt <= this.#deps.clock.now()) {
      throw new InputError(
        'role',
        `${role.label} has no live session; activate it before signing in`,
      );
    }
    const endpoint = federationEndpoint(
      arn.partition,
      this.#deps.env.SWITCHYARD_SIGNIN_ENDPOINT || undefined,
    );
    const token = await getSigninToken({ endpoint, credentials });
    return federatedLoginUrl({
      endpoint,
      signinToken: token.reveal(),
      issuer: 'switchyard',
      destination: consoleHomeUrl(arn.partition, role.region),
    });
  }

  /** The catalog changed on disk (another process edited it): re-render and re-plan. */
  catalogChanged(): void {
    // A role removed elsewhere takes its session with it: no refresh, no dead profile.
    const gone: ProfileChange[] = [];
    const known = new Set(this.#deps.catalog.list().map((r) => r.id));
    for (const [id, live] of [...this.#live]) {
      if (known.has(id)) continue;
      this.#live.delete(id);
      if (live.inFile && live.profile) gone.push({ type: 'remove', profile: live.profile });
    }
    if (gone.length > 0 && this.#deps.mode !== 'passive')
      void this.#enqueue(() => this.#writeQuietly(gone));
    this.#emit();
    this.#schedule();
  }

  // ---- power and network ---------------------------------------------------

  resume(): void {
    // Timers are not trusted across sleep: re-plan everything against the wall clock now.
    this.#schedule();
  }

  setOnline(online: boolean): void {
    this.#online = online;
    if (online) this.#schedule();
    else this.#cancelTimer();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTimer();
    this.#unwatchCatalog?.();
    await this.#queue.catch(() => undefined);
    await this.#deps.onStop?.();
  }

  /** Resolves when every queued round and write has finished (for the CLI and tests). */
  async idle(): Promise<void> {
    for (;;) {
      const current = this.#queue;
      await current.catch(() => undefined);
      if (current === this.#queue) return;
    }
  }

  // ---- the refresh machinery ------------------------------------------------

  /**
   * Joins the next round that has not started yet, so activations asked for
   * together (a burst of clicks, `activate a b c`, the MFA code arriving) share
   * one round and one credentials-file write.
   */
  #roundFor(roleIds: readonly string[]): Promise<void> {
    if (!this.#pending) {
      const pending = new Set<string>();
      this.#pending = {
        ids: pending,
        done: this.#enqueue(async () => {
          this.#pending = undefined;
          await this.#round([...pending]);
        }),
      };
    }
    for (const id of roleIds) this.#pending.ids.add(id);
    return this.#pending.done;
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #timings(): SessionTiming[] {
    const timings: SessionTiming[] = [];
    // One catalog read per plan (each read parses catalog.json), not one per role.
    const known = new Set(this.#deps.catalog.list().map((r) => r.id));
    for (const [roleId, live] of this.#live) {
      if (live.expiresAt === undefined || live.state === 'needs-mfa') continue;
      if (!known.has(roleId)) continue; // removed: catalogChanged() cleans up
      timings.push({
        roleId,
        expiresAt: live.expiresAt,
        failures: live.failures,
        inFlight: live.inFlight,
        ...(live.issuedAt !== undefined ? { issuedAt: live.issuedAt } : {}),
        ...(live.lastAttemptAt !== undefined ? { lastAttemptAt: live.lastAttemptAt } : {}),
        ...(live.lastErrorKind !== undefined ? { lastErrorKind: live.lastErrorKind } : {}),
      });
    }
    return timings;
  }

  /** One timer for all roles, set from the plan; anything due now starts a round. */
  #schedule(): void {
    this.#cancelTimer();
    if (this.#deps.mode !== 'refresher' || this.#stopped || !this.#online) return;
    const now = this.#deps.clock.now();
    const plan = planRefresh(this.#timings(), this.#deps.catalog.settings(), now, {
      ...(this.#deps.seed !== undefined ? { seed: this.#deps.seed } : {}),
    });
    const newlyExpired = plan.expired.filter((id) => {
      const live = this.#live.get(id);
      return live !== undefined && live.inFile && live.state !== 'expired';
    });
    if (newlyExpired.length > 0) void this.#enqueue(() => this.#expire(newlyExpired));
    if (plan.due.length > 0) {
      for (const id of plan.due) {
        const live = this.#live.get(id);
        if (live) live.inFlight = true; // planned: not due again until this round ends
      }
      void this.#roundFor(plan.due);
      return; // the round re-schedules when it ends
    }
    const wake = nextWake(plan, now, this.#deps.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS);
    if (wake !== undefined)
      this.#timer = this.#deps.clock.setTimeout(() => this.#schedule(), wake - now);
  }

  async #expire(roleIds: readonly string[]): Promise<void> {
    const settings = this.#deps.catalog.settings();
    const now = this.#deps.clock.now();
    const changes: ProfileChange[] = [];
    const defaultId = this.#deps.catalog.defaultRoleId();
    for (const id of roleIds) {
      const live = this.#live.get(id);
      const role = this.#deps.catalog.find(id);
      if (!live || !role || live.expiresAt === undefined || live.expiresAt > now) continue;
      live.state = 'expired';
      live.credentials = undefined;
      if (settings.removeExpiredProfiles) live.inFile = false;
      if (settings.removeExpiredProfiles) {
        // No tool should keep using dead keys.
        changes.push({ type: 'remove', profile: role.profile });
        if (defaultId === id) changes.push({ type: 'remove', profile: 'default' });
      }
      this.#tell({
        kind: 'expired',
        roleId: id,
        title: `${role.label} expired`,
        body: live.error
          ? `Its session could not be renewed: ${live.error.message}`
          : 'Its session ended before it could be renewed.',
      });
    }
    if (changes.length > 0) await this.#writeQuietly(changes);
    await this.#persist(roleIds).catch(() => undefined);
    this.#emit();
  }

  async #deactivate(roleId: string): Promise<void> {
    const role = this.#role(roleId);
    const changes: ProfileChange[] = [{ type: 'remove', profile: role.profile }];
    if (this.#deps.catalog.defaultRoleId() === roleId)
      changes.push({ type: 'remove', profile: 'default' });
    await this.#deps.credentials.apply(changes);
    this.#live.delete(roleId);
    for (const waiting of this.#mfaWaiting.values()) {
      waiting.roleIds = waiting.roleIds.filter((id) => id !== roleId);
    }
    const now = this.#deps.clock.now();
    await this.#deps.stateFile.update((current) =>
      removeSession(setDesired(current, roleId, 'inactive', now), roleId),
    );
    this.#emit();
    this.#schedule();
  }

  /**
   * One refresh round: assume every role (sources before the roles chained from
   * them, bounded concurrency), then ONE credentials-file write for all of them.
   */
  async #round(roleIds: readonly string[]): Promise<void> {
    const byId = new Map(this.#deps.catalog.list().map((r) => [r.id, r]));
    const roles = unique(roleIds)
      .map((id) => byId.get(id))
      .filter((r): r is RoleEntry => r !== undefined);
    if (roles.length === 0 || this.#stopped) {
      this.#schedule();
      return;
    }
    for (const role of roles) {
      const live = this.#liveFor(role);
      live.inFlight = true;
      live.state =
        live.state === 'active' || live.state === 'refreshing' ? 'refreshing' : 'activating';
    }
    this.#emit();

    const successes = new Map<string, AssumedRole>();
    this.#roundSources = new Map();
    this.#roundGateways = new Map();
    this.#roundRegions = new Map();
    for (const level of chainLevels(roles)) {
      await runBounded(level, this.#deps.concurrency ?? DEFAULT_CONCURRENCY, async (role) => {
        try {
          const assumed = await this.#assume(role);
          successes.set(role.id, assumed);
          const live = this.#liveFor(role);
          live.credentials = assumed.credentials; // chained roles in the next level use it
        } catch (error) {
          this.#fail(role, error);
        }
      });
    }
    this.#roundSources = undefined;
    this.#roundRegions = undefined;
    for (const byRegion of this.#roundGateways.values())
      for (const g of byRegion.values()) g.destroy();
    this.#roundGateways = undefined;

    const now = this.#deps.clock.now();
    const defaultId = this.#deps.catalog.defaultRoleId();
    const changes: ProfileChange[] = [];
    for (const role of roles) {
      const assumed = successes.get(role.id);
      if (!assumed) continue;
      changes.push({
        type: 'put',
        profile: role.profile,
        credentials: assumed.credentials,
        roleArn: role.roleArn,
      });
      if (role.id === defaultId) {
        changes.push({
          type: 'put',
          profile: 'default',
          credentials: assumed.credentials,
          roleArn: role.roleArn,
        });
      }
    }
    let rejected = new Map<string, string>();
    let fileError: unknown;
    if (changes.length > 0) {
      try {
        const result = await this.#deps.credentials.apply(changes);
        rejected = new Map(result.rejected.map((r) => [r.profile, r.reason]));
      } catch (error) {
        fileError = error;
      }
    }
    for (const role of roles) {
      const live = this.#liveFor(role);
      live.inFlight = false;
      live.lastAttemptAt = now;
      const assumed = successes.get(role.id);
      if (!assumed) continue;
      if (fileError !== undefined) {
        // A lock or disk problem may clear: retried with backoff like a network fault.
        this.#fail(role, { fileProblem: oneLine(fileError), refused: false });
        continue;
      }
      const refusal = rejected.get(role.profile);
      if (refusal !== undefined) {
        // The profile now holds keys we must not overwrite: only the user can fix
        // that, so it is not retried (each retry would cost an STS call for nothing).
        this.#fail(role, { fileProblem: refusal, refused: true });
        continue;
      }
      live.state = 'active';
      live.inFile = true;
      live.expiresAt = assumed.credentials.expiresAt;
      live.issuedAt = now;
      live.failures = 0;
      live.chained = assumed.chained;
      delete live.lastErrorKind;
      delete live.error;
    }
    if (rejected.has('default') && defaultId) {
      const role = this.#deps.catalog.find(defaultId);
      if (role) {
        this.#tell({
          kind: 'failed',
          roleId: role.id,
          title: `[default] was not written for ${role.label}`,
          body: rejected.get('default') ?? '',
        });
      }
    }
    await this.#persist(roles.map((r) => r.id)).catch((error: unknown) => {
      // The state file is a convenience for other processes; refreshing goes on.
      this.#tell({
        kind: 'failed',
        roleId: roles[0]!.id,
        title: 'Switchyard could not update its state file',
        body: oneLine(error),
      });
    });
    this.#emit();
    this.#schedule();
  }

  #liveFor(role: RoleEntry): Live {
    let live = this.#live.get(role.id);
    if (!live) {
      live = { state: 'inactive', failures: 0, chained: false, inFlight: false, inFile: false };
      this.#live.set(role.id, live);
    }
    live.profile = role.profile;
    return live;
  }

  #fail(role: RoleEntry, error: unknown): void {
    const live = this.#liveFor(role);
    const now = this.#deps.clock.now();
    live.inFlight = false;
    live.lastAttemptAt = now;
    if (error instanceof NeedsMfa) {
      live.state = 'needs-mfa';
      const waiting = this.#mfaWaiting.get(error.sourceKey) ?? {
        mfaSerial: error.mfaSerial,
        roleIds: [],
      };
      if (!waiting.roleIds.includes(role.id)) waiting.roleIds.push(role.id);
      this.#mfaWaiting.set(error.sourceKey, waiting);
      if (error.reason)
        live.error = { kind: 'needs-user', code: 'MfaRequired', message: error.reason };
      else delete live.error;
      this.#tell({
        kind: 'needs-mfa',
        roleId: role.id,
        title: `${role.label} needs an MFA code`,
        body: `Enter the code for ${error.mfaSerial} to continue.`,
      });
      return;
    }
    let view: SessionErrorView;
    if (isFileProblem(error)) {
      view = error.refused
        ? { kind: 'needs-user', code: 'ProfileRefused', message: error.fileProblem }
        : { kind: 'file', code: 'CredentialsFile', message: error.fileProblem };
    } else if (error instanceof InputError) {
      view = { kind: 'invalid-request', code: 'InvalidRole', message: error.message };
    } else {
      const sts = classifyStsError(error);
      view = { kind: sts.kind, code: sts.code, message: sts.message };
    }
    live.failures += 1;
    live.lastErrorKind = view.kind;
    // The session in the file still serves (after a restart it is not in memory, but it is there).
    const stillValid = live.inFile && live.expiresAt !== undefined && live.expiresAt > now;
    if (view.kind === 'retryable' || view.kind === 'file') {
      // Keep serving the old session while it lasts; the planner retries with backoff.
      live.state = stillValid ? 'active' : 'error';
      if (live.expiresAt === undefined) live.expiresAt = now; // nothing valid: retry as expired
    } else {
      live.state = 'error';
      if (live.expiresAt === undefined) live.expiresAt = now;
      this.#tell({
        kind: 'failed',
        roleId: role.id,
        title: `${role.label} failed`,
        body: view.message,
      });
    }
    live.error = view;
  }

  async #assume(role: RoleEntry): Promise<AssumedRole> {
    const source = await this.#sourceFor(role);
    const region = await this.#regionFor(role);
    // Within a round, roles with the same (resolved-once) source and region share
    // one client: building an SDK client per role dominated a 500-role round.
    const shared = this.#roundGateways?.get(source)?.get(region);
    const gateway =
      shared ??
      this.#deps.createGateway({
        region,
        source,
        ...this.#gatewayPlumbing(),
        maxAttempts: 1, // the planner retries with jittered backoff
        ...(this.#deps.requestTimeoutMs ? { requestTimeoutMs: this.#deps.requestTimeoutMs } : {}),
      });
    const sharable = this.#roundGateways !== undefined && this.#roundSourceObjects.has(source);
    if (!shared && sharable) {
      const byRegion = this.#roundGateways!.get(source) ?? new Map<string, StsGatewayLike>();
      byRegion.set(region, gateway);
      this.#roundGateways!.set(source, byRegion);
    }
    try {
      return await gateway.assumeRole({
        role: parseRoleArn(role.roleArn),
        sessionName: role.sessionName ?? defaultSessionName(),
        ...(role.durationSeconds !== undefined ? { durationSeconds: role.durationSeconds } : {}),
        ...(role.externalId !== undefined ? { externalId: role.externalId } : {}),
      });
    } catch (error) {
      if (error instanceof StsError && error.mfaFailed) {
        const key = mfaSourceKey(role);
        if (key && role.mfaSerial) {
          await this.#mfaCache.clear(key);
          throw new NeedsMfa(key, role.mfaSerial, error.message);
        }
      }
      throw error;
    } finally {
      if (!sharable) gateway.destroy(); // shared ones are destroyed when the round ends
    }
  }

  /** The engine's env, not process.env, decides the endpoint and the shared files. */
  #gatewayPlumbing(): Pick<StsGatewayOptions, 'endpoint' | 'sharedFiles'> {
    const endpoint = stsEndpointFromEnv(this.#deps.env);
    return {
      ...(endpoint ? { endpoint } : {}),
      sharedFiles: {
        credentialsPath: this.#deps.credentialsPath,
        configPath: this.#deps.configPath,
      },
    };
  }

  /**
   * The region depends only on these inputs (the env is fixed), so within a
   * round it is resolved once per distinct set: not one config-file read per role.
   */
  async #regionFor(role: RoleEntry): Promise<string> {
    const sourceProfile = role.source.kind === 'profile' ? role.source.profile : undefined;
    const partition = parseRoleArn(role.roleArn).partition;
    const resolve = (): Promise<string> =>
      resolveStsRegion({
        explicit: role.region,
        env: this.#deps.env,
        sourceProfile,
        configPath: this.#deps.configPath,
        partition,
      });
    const cache = this.#roundRegions;
    if (!cache) return resolve();
    const key = JSON.stringify([role.region ?? null, sourceProfile ?? null, partition]);
    let region = cache.get(key);
    if (!region) {
      region = resolve();
      cache.set(key, region);
    }
    return region;
  }

  /** The caller's credentials before MFA: a profile, the default chain, or keychain keys. */
  async #baseSource(role: RoleEntry): Promise<CredentialSource> {
    switch (role.source.kind) {
      case 'profile':
        return this.#resolvedOnce(`profile:${role.source.profile}`, role, {
          kind: 'profile',
          profile: role.source.profile,
        });
      case 'default':
        return this.#resolvedOnce('default', role, { kind: 'default' });
      case 'keys': {
        const keys = await this.#keys.require(role.source.name);
        return {
          kind: 'keys',
          accessKeyId: keys.accessKeyId,
          secretAccessKey: keys.secretAccessKey,
        };
      }
      case 'role':
        return sessionAsSource(await this.#sourceSession(role.source.roleId));
      default: {
        const never: never = role.source;
        return never;
      }
    }
  }

  /**
   * Within a round, a profile (or the default chain) is resolved once and its
   * keys reused by every role it sources: 500 roles must not make the SDK parse
   * the credentials file 500 times. Outside a round it is resolved per call.
   */
  #resolvedOnce(key: string, role: RoleEntry, source: CredentialSource): Promise<CredentialSource> {
    const cache = this.#roundSources;
    if (!cache) return Promise.resolve(source);
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = (async () => {
        const gateway = this.#deps.createGateway({
          region: await this.#regionFor(role),
          source,
          ...this.#gatewayPlumbing(),
          maxAttempts: 1,
        });
        try {
          const keys = await gateway.resolveSourceCredentials();
          const resolvedSource: CredentialSource = {
            kind: 'keys',
            accessKeyId: keys.accessKeyId,
            secretAccessKey: keys.secretAccessKey,
            ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
          };
          this.#roundSourceObjects.add(resolvedSource);
          return resolvedSource;
        } finally {
          gateway.destroy();
        }
      })();
      cache.set(key, resolved);
    }
    return resolved;
  }

  async #sourceFor(role: RoleEntry): Promise<CredentialSource> {
    if (role.mfaSerial && role.source.kind !== 'role') {
      const key = mfaSourceKey(role);
      if (key) {
        const session = await this.#mfaCache.get(key, this.#deps.clock.now());
        if (!session) throw new NeedsMfa(key, role.mfaSerial);
        return sessionAsSource(session);
      }
    }
    return this.#baseSource(role);
  }

  /** The live session of the role another one chains from. */
  async #sourceSession(sourceRoleId: string): Promise<SessionCredentials> {
    const source = this.#deps.catalog.find(sourceRoleId);
    const live = this.#live.get(sourceRoleId);
    const now = this.#deps.clock.now();
    if (source && live) {
      if (live.credentials && live.credentials.expiresAt - now > MIN_SOURCE_LIFE_MS)
        return live.credentials;
      if (live.expiresAt !== undefined && live.expiresAt - now > MIN_SOURCE_LIFE_MS) {
        const fromFile = await readProfileSession(
          this.#deps.credentialsPath,
          source.profile,
          live.expiresAt,
        );
        if (fromFile) {
          live.credentials = fromFile;
          return fromFile;
        }
      }
    }
    throw new StsError(
      'needs-user',
      'SourceRoleInactive',
      `the role it chains from (${source?.label ?? sourceRoleId}) has no live session; activate that role`,
      undefined,
    );
  }

  #chainOf(role: RoleEntry): RoleEntry[] {
    const chain: RoleEntry[] = [];
    const seen = new Set<string>();
    for (let current: RoleEntry | undefined = role; current && !seen.has(current.id);) {
      seen.add(current.id);
      chain.unshift(current);
      const live = this.#live.get(current.id);
      // Stop at a source that already has a usable session.
      if (current !== role && live?.state === 'active') break;
      current =
        current.source.kind === 'role' ? this.#deps.catalog.find(current.source.roleId) : undefined;
    }
    return chain;
  }

  #role(idOrLabel: string): RoleEntry {
    if (typeof idOrLabel !== 'string' || idOrLabel.length === 0) {
      throw new InputError('role', 'a role id or label is required');
    }
    return this.#deps.catalog.get(idOrLabel);
  }

  async #writeQuietly(changes: readonly ProfileChange[]): Promise<void> {
    try {
      await this.#deps.credentials.apply(changes);
    } catch (error) {
      const roleId = this.#deps.catalog.list()[0]?.id ?? '';
      this.#tell({
        kind: 'failed',
        roleId,
        title: 'Switchyard could not update the credentials file',
        body: oneLine(error),
      });
    }
  }
}

/** Roles grouped so each role's source role (if in the round) is in an earlier group. */
function chainLevels(roles: readonly RoleEntry[]): RoleEntry[][] {
  const inRound = new Map(roles.map((r) => [r.id, r]));
  const depth = new Map<string, number>();
  const depthOf = (role: RoleEntry, guard: number): number => {
    const known = depth.get(role.id);
    if (known !== undefined) return known;
    const parent = role.source.kind === 'role' ? inRound.get(role.source.roleId) : undefined;
    const d = parent && guard < roles.length ? depthOf(parent, guard + 1) + 1 : 0;
    depth.set(role.id, d);
    return d;
  };
  const levels: RoleEntry[][] = [];
  for (const role of roles) {
    const d = depthOf(role, 0);
    (levels[d] ??= []).push(role);
  }
  return levels.filter((level) => level !== undefined);
}

/**
 * Claimed requests cut into batches that may run together: consecutive
 * activations and refreshes of different roles. A deactivation, or a second
 * request for a role already in the batch, starts a new batch, so each role's
 * requests (and a deactivation before an activation chained from that role)
 * still take effect in the order they were made.
 */
function requestBatches<R extends { action: StateAction; roleId: string }>(
  requests: readonly R[],
): R[][] {
  const batches: R[][] = [];
  let batch: R[] = [];
  let roles = new Set<string>();
  const close = (): void => {
    if (batch.length > 0) batches.push(batch);
    batch = [];
    roles = new Set();
  };
  for (const request of requests) {
    if (request.action === 'deactivate') {
      close();
      batches.push([request]);
      continue;
    }
    if (roles.has(request.roleId)) close();
    batch.push(request);
    roles.add(request.roleId);
  }
  close();
  return batches;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** STS gave a session but the credentials file did not take it. */
function isFileProblem(error: unknown): error is { fileProblem: string; refused: boolean } {
  return typeof error === 'object' && error !== null && 'fileProblem' in error;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\r?\n/)[0] ?? text;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
