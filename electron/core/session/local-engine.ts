import { InputError } from '../../../shared/input-error';
import type { RoleEntry, SessionState } from '../../../shared/model';
import type { SessionTiming } from '../refresh/refresh-plan';
import { removeSession, setDesired } from '../refresh/state-changes';
import type { StateAction, SwitchyardState } from '../refresh/state-model';
import { EngineEndpoint } from '../endpoint/engine-endpoint';
import { CatalogSync } from './catalog-sync';
import { CodeInbox } from './code-inbox';
import type { EngineParts, EngineStrategy } from './engine-strategy';
import { NEW_LIVE, transition } from './live-session';
import { takeMfaCode } from './mfa-codes';
import { answerBatch } from './request-answers';
import { RefreshScheduler } from './refresh-scheduler';
import { runRefreshRound } from './refresh-round';
import { waitAtMost } from './deadline';
import { expireSessions, removalsIn, writeQuietly } from './expire-sessions';
import { chainOf } from './role-chains';
import { RoundQueue } from './round-queue';
import { answerRequests, persistSessions } from './state-sync';

/**
 * stop() waits this long at most for the work in flight (after aborting its
 * STS calls): a write stuck on a lock or a disk must not keep the process from
 * ending. Wall time, not the engine clock: it bounds how long quitting takes.
 */
const STOP_WAIT_MS = 3_000;

/**
 * The engine that acts itself: the refresher (timers, answers other processes'
 * requests) or a one-shot CLI command with no refresher running (no timers).
 * All its rounds and file writes go through one queue.
 */
export class LocalEngine implements EngineStrategy {
  readonly #parts: EngineParts;
  readonly #queue: RoundQueue;
  readonly #scheduler: RefreshScheduler;
  readonly #catalogSync: CatalogSync;
  /** The refresher's end of the MFA code channel (none in a one-shot command). */
  readonly #inbox: CodeInbox | undefined;
  /** The local credential endpoint, served by the refresher when asked to (see serveEndpoint). */
  readonly #endpoint: EngineEndpoint | undefined;
  /** Aborted by stop(): every STS call and source resolution in flight ends. */
  readonly #stopping = new AbortController();

  constructor(parts: EngineParts) {
    this.#parts = parts;
    const { deps } = parts;
    this.#catalogSync = new CatalogSync(parts);
    this.#inbox =
      deps.mode === 'refresher' ? new CodeInbox(deps.stateFile, () => deps.clock.now()) : undefined;
    this.#endpoint =
      deps.mode === 'refresher' && deps.serveEndpoint
        ? new EngineEndpoint(parts, this.#inbox)
        : undefined;
    this.#queue = new RoundQueue((ids) => this.#round(ids));
    this.#scheduler = new RefreshScheduler({
      clock: deps.clock,
      enabled: deps.mode === 'refresher',
      ...(deps.maxSleepMs !== undefined ? { maxSleepMs: deps.maxSleepMs } : {}),
      ...(deps.seed !== undefined ? { seed: deps.seed } : {}),
      settings: () => deps.catalog.settings(),
      timings: () => this.#timings(),
      onExpired: (ids) => this.#onExpired(ids),
      onDue: (ids) => {
        parts.sessions.markPlanned(ids); // not due again until this round ends
        this.#background('a refresh round', this.#queue.roundFor(ids));
      },
      onError: (error) => parts.publisher.reportError('planning the next refresh', error),
    });
  }

  get refresher(): { active: boolean } {
    return { active: this.#parts.deps.mode === 'refresher' };
  }

  async perform(action: StateAction, roleIds: readonly string[]): Promise<void> {
    const { catalog } = this.#parts.deps;
    const { sessions } = this.#parts;
    switch (action) {
      case 'activate': {
        // A chained role needs its source roles' sessions: activate the chain.
        const chains = roleIds.flatMap((id) =>
          chainOf(
            catalog.get(id),
            (sourceId) => catalog.find(sourceId),
            (sourceId) => sessions.get(sourceId)?.state === 'active',
          ),
        );
        await this.#queue.roundFor(chains.map((r) => r.id));
        return;
      }
      case 'refresh':
        for (const id of roleIds)
          if (!sessions.has(id))
            throw new InputError(
              'role',
              `${catalog.find(id)?.label ?? 'that role'} is not active; activate it first`,
            );
        await this.#queue.roundFor(roleIds);
        return;
      case 'deactivate':
        for (const id of roleIds) await this.#queue.enqueue(() => this.#deactivate(id));
        return;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${String(never)}`);
      }
    }
  }

  renew(roleIds: readonly string[]): Promise<void> {
    return this.#queue.roundFor(roleIds);
  }

  async defaultChanged(role: RoleEntry | undefined, previous: string | undefined): Promise<void> {
    await this.#queue.enqueue(async () => {
      this.#catalogSync.defaultIs(role?.id);
      const live = role ? this.#parts.sessions.get(role.id) : undefined;
      if (role && live?.credentials) {
        const { credentials } = live;
        await writeQuietly(this.#parts, [
          { type: 'put', profile: 'default', credentials, roleArn: role.roleArn },
        ]);
      } else if (previous && previous !== role?.id) {
        await writeQuietly(this.#parts, [{ type: 'remove', profile: 'default' }]);
      }
      if (role && live && !live.credentials) await this.#round([role.id]);
    });
  }

  async catalogChanged(): Promise<void> {
    // Every round first brings the sessions in line with the catalog: an empty round does just that.
    await this.#queue.roundFor([]);
    this.#endpoint?.catalogChanged();
  }

  async useMfaCode(roleId: string, tokenCode: string): Promise<void> {
    await this.#queue.roundFor(await takeMfaCode(this.#parts, roleId, tokenCode));
  }

  async processRequests(): Promise<number> {
    if (this.#parts.deps.mode !== 'refresher') return 0;
    return answerRequests(
      this.#parts.deps.stateFile,
      () => this.#parts.deps.clock.now(),
      (batch) =>
        answerBatch(
          {
            parts: this.#parts,
            inbox: this.#inbox,
            perform: (action, roleIds) => this.perform(action, roleIds),
            joinRound: (roleIds) => this.#queue.roundFor(roleIds),
          },
          batch,
        ),
    );
  }

  adoptState(state: SwitchyardState): void {
    // Only a passive engine follows another process's records; the refresher keeps its key there.
    this.#inbox?.keep(state);
    this.#endpoint?.keep(state);
  }

  async start(): Promise<void> {
    this.#catalogSync.baseline();
    // Not fatal: the key is put back on the next change of the state file (see adoptState).
    await this.#inbox?.publish().catch(() => undefined);
    await this.#endpoint?.start();
  }

  schedule(): void {
    this.#scheduler.schedule();
  }

  setOnline(online: boolean): void {
    this.#scheduler.setOnline(online);
  }

  stateSetAside(): void {
    if (this.#parts.deps.mode !== 'refresher') return;
    // Not awaited here: this runs inside the state file's locked update that set it aside.
    this.#background('rebuilding the state file', this.#persist(this.#parts.sessions.ids()));
    if (this.#inbox) this.#background('publishing the MFA code key', this.#inbox.publish());
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async stop(): Promise<void> {
    this.#scheduler.stop();
    this.#stopping.abort();
    await this.#endpoint?.stop();
    await waitAtMost(this.#queue.settled(), STOP_WAIT_MS);
    await this.#inbox?.withdraw().catch(() => undefined);
  }

  /** Work started from a timer or a watcher: a failure is reported, never left unhandled. */
  #background(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) => this.#parts.publisher.reportError(what, error));
  }

  async #round(roleIds: readonly string[]): Promise<void> {
    const { deps, sessions, publisher, assumer } = this.#parts;
    if (!this.#scheduler.stopped) {
      const { catalog, renew } = await this.#catalogSync.reconcile();
      const ids = [...new Set([...roleIds, ...renew])];
      this.#catalogSync.assumed(ids, catalog.list());
      await runRefreshRound(
        {
          catalog,
          credentials: deps.credentials,
          sessions,
          assumer,
          clock: deps.clock,
          ...(deps.concurrency !== undefined ? { concurrency: deps.concurrency } : {}),
          emit: () => publisher.emit(),
          tell: (n) => publisher.tell(n),
          persist: (ids) => this.#persist(ids),
          stop: this.#stopping.signal,
          ...(deps.audit ? { audit: deps.audit } : {}),
          ...(deps.roleDeadlineMs !== undefined ? { roleDeadlineMs: deps.roleDeadlineMs } : {}),
        },
        ids,
      );
    }
    this.#scheduler.schedule();
  }

  #persist(roleIds: readonly string[]): Promise<void> {
    const { deps, sessions } = this.#parts;
    return persistSessions(deps.stateFile, roleIds, (id) => sessions.get(id), deps.clock.now());
  }

  #timings(): SessionTiming[] {
    const timings: SessionTiming[] = [];
    // One catalog read per plan (each read parses catalog.json), not one per role.
    const known = new Set(this.#parts.deps.catalog.list().map((r) => r.id));
    for (const [roleId, live] of this.#parts.sessions.entries()) {
      if (live.expiresAt === undefined || waitsForUser(live.state)) continue;
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

  #onExpired(roleIds: readonly string[]): void {
    const newlyExpired = roleIds.filter((id) => {
      const live = this.#parts.sessions.get(id);
      return live !== undefined && live.inFile && live.state !== 'expired';
    });
    if (newlyExpired.length > 0)
      this.#background(
        'expiring sessions',
        this.#queue.enqueue(() =>
          expireSessions(this.#parts, newlyExpired, (ids) => this.#persist(ids)),
        ),
      );
  }

  async #deactivate(roleId: string): Promise<void> {
    const { deps, sessions, publisher } = this.#parts;
    const found = deps.catalog.get(roleId);
    // The profile the session wrote, even if the catalog names another one by now.
    const role = { ...found, profile: sessions.get(roleId)?.profile ?? found.profile };
    const event = {
      type: 'deactivated',
      isDefault: deps.catalog.defaultRoleId() === roleId,
    } as const;
    // The profiles go first: if the file cannot be written, the role stays active.
    const { effects } = transition(sessions.get(roleId) ?? NEW_LIVE, event, role);
    await deps.credentials.apply(removalsIn(effects));
    sessions.apply(event, role);
    const now = deps.clock.now();
    await deps.stateFile.update((current) =>
      removeSession(setDesired(current, roleId, 'inactive', now), roleId),
    );
    publisher.emit();
    this.#scheduler.schedule();
  }
}

/** Sessions that wait for a person (a code, a sign-in) are not retried on the timer. */
function waitsForUser(state: SessionState): boolean {
  return state === 'needs-mfa' || state === 'needs-sign-in';
}
